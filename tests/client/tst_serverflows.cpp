// SPDX-License-Identifier: MIT
// RoomConnection and Room against a real server: kaiwa-server, or the Django Channels tutorial peer
// as tst_serverflows_django (util/chatendpoint.h). No window.
#include "util/chatendpoint.h"
#include "util/wsclient.h"

#include "client/chatlogmodel.h"
#include "client/room.h"
#include "client/roomconnection.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa::Client;
using KaiwaTest::WsClient;
using State = ConnectionState;

namespace {

QStringList texts(const QSignalSpy &spy)
{
    QStringList result;
    for (const QList<QVariant> &arguments : spy)
        result.append(arguments.at(0).value<Kaiwa::ChatMessage>().text);
    return result;
}

} // namespace

class TestServerFlows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_serverDirectory.isValid());
        // A database file, so history and deduplication survive the restarts below.
        m_server =
            KaiwaTest::ChatEndpoint::fromEnvironment({u"--database"_s, m_serverDirectory.filePath(u"kaiwa.sqlite"_s)});
        QVERIFY(m_server->start());
    }

    void sendAndReceive()
    {
        RoomConnection connection({m_server->httpUrl(), u"flows"_s, u"alice"_s});
        QSignalSpy received(&connection, &RoomConnection::messageReceived);
        QSignalSpy delivered(&connection, &RoomConnection::messageDelivered);
        connection.open();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), State::Connected, 10000);
        QCOMPARE(connection.isKaiwaProtocol(), m_server->isKaiwa());

        const auto bob = peer(u"flows"_s, u"bob"_s);
        QVERIFY(bob);
        const OutgoingMessage sent = connection.sendMessage(u"hello from alice"_s);
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 10000);
        QCOMPARE(delivered.at(0).at(0).toString(), sent.clientId);
        QTRY_COMPARE_WITH_TIMEOUT(bob->chatTexts(), QStringList{u"hello from alice"_s}, 10000);
        QVERIFY(connection.outbox().isEmpty());

        bob->sendJson({{"message"_L1, u"hi alice"_s}});
        QTRY_VERIFY_WITH_TIMEOUT(texts(received).contains(u"hi alice"_s), 10000);
        const auto reply = received.constLast().at(0).value<Kaiwa::ChatMessage>();
        QVERIFY(reply.clientId.isEmpty());
        if (m_server->isKaiwa()) {
            QCOMPARE(reply.user, u"bob"_s);
            QVERIFY(reply.id > 0);
            QCOMPARE(connection.lastSeenId(), reply.id);
        }
    }

    void japaneseTextRoundTrips()
    {
        const QString text = u"こんにちは、世界 🎌 «ok»"_s;
        RoomConnection connection({m_server->httpUrl(), u"nihongo"_s, u"花子"_s});
        QSignalSpy received(&connection, &RoomConnection::messageReceived);
        connection.open();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), State::Connected, 10000);
        const auto taro = peer(u"nihongo"_s, u"太郎"_s);
        QVERIFY(taro);
        connection.sendMessage(text);
        QTRY_COMPARE_WITH_TIMEOUT(taro->chatTexts(), QStringList{text}, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(texts(received).contains(text), 10000);
        if (m_server->isKaiwa())
            QCOMPARE(received.constLast().at(0).value<Kaiwa::ChatMessage>().user, u"花子"_s);
    }

    void otherRoomsStaySeparate()
    {
        RoomConnection connection({m_server->httpUrl(), u"quiet_room"_s, u"alice"_s});
        QSignalSpy received(&connection, &RoomConnection::messageReceived);
        connection.open();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), State::Connected, 10000);
        const auto elsewhere = peer(u"busy_room"_s, u"carol"_s);
        QVERIFY(elsewhere);
        const auto here = peer(u"quiet_room"_s, u"dave"_s);
        QVERIFY(here);
        elsewhere->sendJson({{"message"_L1, u"not for quiet_room"_s}});
        here->sendJson({{"message"_L1, u"for quiet_room"_s}});
        QTRY_VERIFY_WITH_TIMEOUT(texts(received).contains(u"for quiet_room"_s), 10000);
        QTest::qWait(300);
        QVERIFY(!texts(received).contains(u"not for quiet_room"_s));
    }

    /// The outbox flow: messages typed while the server is down arrive exactly once after it is back.
    void outboxIsDeliveredOnceAfterRestart()
    {
        Room room({m_server->httpUrl(), u"restart"_s, u"alice"_s});
        // Deterministic and slow enough for the observer below to be in the room before the flush.
        room.setReconnectBackoff(
            ReconnectBackoff({std::chrono::milliseconds(1500), std::chrono::milliseconds(3000), 0}));
        QTRY_COMPARE_WITH_TIMEOUT(room.connectionState(), State::Connected, 10000);
        QCOMPARE(room.send(u"before the restart"_s), Room::TextCheck::Sendable);
        QTRY_COMPARE_WITH_TIMEOUT(room.log()->pendingCount(), 0, 10000);

        const quint16 port = m_server->port();
        m_server->stop();
        QTRY_COMPARE_WITH_TIMEOUT(room.connectionState(), State::WaitingToReconnect, 10000);
        QCOMPARE(room.send(u"first while down"_s), Room::TextCheck::Sendable);
        QCOMPARE(room.send(u"second while down"_s), Room::TextCheck::Sendable);
        QCOMPARE(room.log()->pendingCount(), 2);

        QVERIFY(m_server->start(port));
        const auto observer = peer(u"restart"_s, u"observer"_s);
        QVERIFY(observer);
        QTRY_COMPARE_WITH_TIMEOUT(room.connectionState(), State::Connected, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(room.log()->pendingCount(), 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(observer->chatTexts().contains(u"second while down"_s), 10000);
        QTest::qWait(500); // Anything sent twice would have arrived by now.
        QCOMPARE(observer->chatTexts().count(u"first while down"_s), 1);
        QCOMPARE(observer->chatTexts().count(u"second while down"_s), 1);

        // The log shows each message once, delivered, in the order typed.
        QStringList logTexts;
        for (int row = 0; row < room.log()->rowCount(); ++row)
            logTexts.append(room.log()->index(row).data(ChatLogModel::TextRole).toString());
        QCOMPARE(logTexts.count(u"first while down"_s), 1);
        QCOMPARE(logTexts.count(u"second while down"_s), 1);
        QVERIFY(logTexts.indexOf(u"first while down"_s) < logTexts.indexOf(u"second while down"_s));
    }

    /// kaiwa.v1: a reconnect asks for ?since=<last id> and gets exactly what was missed.
    void reconnectRecoversMissedMessages()
    {
        if (!m_server->isKaiwa())
            QSKIP("the tutorial server keeps no history");
        Room room({m_server->httpUrl(), u"since"_s, u"alice"_s});
        QTRY_COMPARE_WITH_TIMEOUT(room.connectionState(), State::Connected, 10000);
        const auto bob = peer(u"since"_s, u"bob"_s);
        QVERIFY(bob);
        bob->sendJson({{"message"_L1, u"seen"_s}});
        QTRY_COMPARE_WITH_TIMEOUT(room.log()->rowCount(), 1, 10000);

        const quint16 port = m_server->port();
        m_server->stop();
        QTRY_COMPARE_WITH_TIMEOUT(room.connectionState(), State::WaitingToReconnect, 10000);
        QVERIFY(m_server->start(port));
        {
            const auto carol = peer(u"since"_s, u"carol"_s);
            QVERIFY(carol);
            carol->sendJson({{"message"_L1, u"missed one"_s}});
            carol->sendJson({{"message"_L1, u"missed two"_s}});
            QTRY_VERIFY_WITH_TIMEOUT(carol->chatTexts().contains(u"missed two"_s), 10000);
        }
        room.reconnectNow();
        QTRY_COMPARE_WITH_TIMEOUT(room.connectionState(), State::Connected, 10000);
        QStringList logTexts;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                logTexts.clear();
                for (int row = 0; row < room.log()->rowCount(); ++row)
                    logTexts.append(room.log()->index(row).data(ChatLogModel::TextRole).toString());
                return logTexts.contains(u"missed two"_s);
            }(),
            10000);
        QCOMPARE(logTexts.count(u"seen"_s), 1);
        QCOMPARE(logTexts.count(u"missed one"_s), 1);
        QCOMPARE(logTexts.count(u"missed two"_s), 1);
    }

    /// kaiwa.v1: older history arrives as a "history" event and goes on top of the log.
    void loadsOlderHistory()
    {
        if (!m_server->isKaiwa())
            QSKIP("the tutorial server keeps no history");
        {
            const auto writer = peer(u"long_history"_s, u"writer"_s);
            QVERIFY(writer);
            for (int i = 1; i <= 80; ++i)
                writer->sendJson({{"message"_L1, u"line %1"_s.arg(i)}});
            QTRY_COMPARE_WITH_TIMEOUT(writer->chatTexts().size(), 80, 15000);
        }
        Room room({m_server->httpUrl(), u"long_history"_s, u"reader"_s});
        QTRY_COMPARE_WITH_TIMEOUT(room.connectionState(), State::Connected, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(room.log()->rowCount(), 50, 10000); // The server's default backlog.
        QCOMPARE(room.unreadCount(), 0);                              // The backlog is not news.
        QCOMPARE(room.log()->index(0).data(ChatLogModel::TextRole).toString(), u"line 31"_s);
        QVERIFY(room.hasMoreHistory());
        QVERIFY(room.loadOlderHistory());
        QTRY_COMPARE_WITH_TIMEOUT(room.log()->rowCount(), 80, 10000);
        QCOMPARE(room.log()->index(0).data(ChatLogModel::TextRole).toString(), u"line 1"_s);
        QCOMPARE(room.log()->index(79).data(ChatLogModel::TextRole).toString(), u"line 80"_s);
    }

private:
    /// Another user's browser in the room: a plain WebSocket.
    std::unique_ptr<WsClient> peer(const QString &room, const QString &name) const
    {
        return WsClient::connected(m_server->wsUrl(room, u"name="_s + name));
    }

    QTemporaryDir m_serverDirectory;
    std::unique_ptr<KaiwaTest::ChatEndpoint> m_server;
};

QTEST_GUILESS_MAIN(TestServerFlows)
#include "tst_serverflows.moc"
