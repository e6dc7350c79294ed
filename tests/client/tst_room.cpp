// SPDX-License-Identifier: MIT
// Client::Room without a server (its link keeps trying a closed port): the one rule of what can be sent,
// and what the room tells the views of its link, with reconnectNow() and close() as the user's intents;
// which messages notify at each notification level; edits and reactions refused while the link is down.
// The same room against real servers: tst_serverflows, tst_session.
#include "client/chatlogmodel.h"
#include "client/reconnectbackoff.h"
#include "client/room.h"

#include <QSignalSpy>
#include <QTest>

using namespace Kaiwa::Client;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

/// Nothing listens on the discard port: every attempt fails at once.
const QUrl s_deadServer(u"http://127.0.0.1:9/"_s);

} // namespace

class TestRoom : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Room::TextCheck>("check");
        const qsizetype limit = Room::maxMessageBytes;
        QTest::newRow("empty") << QString() << Room::TextCheck::Empty;
        QTest::newRow("white space") << u" \n\t\u3000"_s << Room::TextCheck::Empty;
        QTest::newRow("one character") << u"a"_s << Room::TextCheck::Sendable;
        QTest::newRow("padded") << u"  hi  \n"_s << Room::TextCheck::Sendable;
        QTest::newRow("at the limit") << QString(limit, u'a') << Room::TextCheck::Sendable;
        QTest::newRow("one byte over") << QString(limit + 1, u'a') << Room::TextCheck::TooLong;
        // The limit counts UTF-8 bytes, not characters: あ is three.
        QTest::newRow("Japanese at the limit") << QString(limit / 3, u'あ') << Room::TextCheck::Sendable;
        QTest::newRow("Japanese over") << QString(limit / 3 + 1, u'あ') << Room::TextCheck::TooLong;
    }

    void checkText()
    {
        QFETCH(QString, text);
        QFETCH(Room::TextCheck, check);
        QCOMPARE(Room::checkText(text), check);
    }

    /// send() queues exactly what checkText() lets through, and shows it pending in the log.
    void sendFollowsTheRule()
    {
        Room room({s_deadServer, u"lobby"_s, u"alice"_s});
        QCOMPARE(room.send(u"  \n"_s), Room::TextCheck::Empty);
        QCOMPARE(room.send(QString(Room::maxMessageBytes + 1, u'x')), Room::TextCheck::TooLong);
        QCOMPARE(room.log()->rowCount(), 0);
        QCOMPARE(room.send(u"kept for later"_s), Room::TextCheck::Sendable);
        QCOMPARE(room.log()->pendingCount(), 1);
        const QModelIndex pending = room.log()->index(0);
        QCOMPARE(pending.data(ChatLogModel::TextRole).toString(), u"kept for later"_s);
        QCOMPARE(pending.data(ChatLogModel::SenderRole).toString(), u"alice"_s);
        QVERIFY(pending.data(ChatLogModel::IsPendingRole).toBool());
    }

    void notificationLevels_data()
    {
        QTest::addColumn<Room::NotificationLevel>("level");
        QTest::addColumn<bool>("plain");
        QTest::addColumn<bool>("mention");
        QTest::newRow("all") << Room::NotificationLevel::All << true << true;
        QTest::newRow("mentions") << Room::NotificationLevel::Mentions << false << true;
        QTest::newRow("none") << Room::NotificationLevel::None << false << false;
    }

    void notificationLevels()
    {
        QFETCH(Room::NotificationLevel, level);
        QFETCH(bool, plain);
        QFETCH(bool, mention);
        Room room({s_deadServer, u"lobby"_s, u"Alice"_s});
        QCOMPARE(room.notificationLevel(), Room::NotificationLevel::All); // the default
        room.setNotificationLevel(level);
        Kaiwa::ChatMessage message{1, u"lobby"_s, u"bob"_s, QDateTime::currentDateTimeUtc(), u"lunch?"_s, {}};
        QCOMPARE(room.shouldNotify(message), plain);
        message.text = u"@ＡＬＩＣＥ lunch?"_s;
        message.mentions = {u"ＡＬＩＣＥ"_s}; // the display name, folded (NFKC, case)
        QVERIFY(room.mentionsYou(message));
        QCOMPARE(room.shouldNotify(message), mention);
        message.mentions = {u"alicia"_s};
        QVERIFY(!room.mentionsYou(message));
    }

    void changesNeedTheLink()
    {
        Room room({s_deadServer, u"lobby"_s, u"alice"_s});
        QSignalSpy refused(&room, &Room::actionRefused);
        QVERIFY(!room.edit(1, u"new text"_s));
        QVERIFY(!room.remove(1));
        QVERIFY(!room.react(1, u"👍"_s, true));
        QCOMPARE(refused.size(), 3);
        QVERIFY(refused.constFirst().constFirst().toString().startsWith(u"Not connected"_s));
        QVERIFY(!room.edit(1, u"  "_s)); // not a text that can be sent: nothing to say beyond the box's hint
        QCOMPARE(refused.size(), 3);
    }

    /// What the views show of the link: its state, why it is down, when it tries again; and the user's intents.
    void linkAsTheViewsSeeIt()
    {
        Room room({s_deadServer, u"lobby"_s, u"alice"_s});
        room.setReconnectBackoff(ReconnectBackoff({60s, 60s, 0}));
        QSignalSpy states(&room, &Room::connectionStateChanged);
        QCOMPARE(room.connectionState(), ConnectionState::Connecting); // opened right away
        QTRY_COMPARE_WITH_TIMEOUT(room.connectionState(), ConnectionState::WaitingToReconnect, 10000);
        QCOMPARE(states.last().first().value<ConnectionState>(), ConnectionState::WaitingToReconnect);
        QVERIFY(!room.needsUserAction()); // it retries by itself
        QVERIFY(room.retryDeadline().remainingTime() > 30000);
        QVERIFY(!room.isKaiwaProtocol());

        room.reconnectNow(); // does not wait the minute
        QCOMPARE(room.connectionState(), ConnectionState::Connecting);
        QTRY_COMPARE_WITH_TIMEOUT(room.connectionState(), ConnectionState::WaitingToReconnect, 10000);

        room.close(); // stops the wait for the next attempt too
        QCOMPARE(room.connectionState(), ConnectionState::Disconnected);
        QCOMPARE(states.last().first().value<ConnectionState>(), ConnectionState::Disconnected);
        QVERIFY(!room.needsUserAction());
    }
};

QTEST_GUILESS_MAIN(TestRoom)
#include "tst_room.moc"
