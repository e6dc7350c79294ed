// SPDX-License-Identifier: MIT
// LocalChannels, the bookkeeping under every channel layer: channel names, direct sends, groups that
// exist while they have members, delivery in join order, and members that leave in the middle of a
// group send (which is how a consumer that closes on a message behaves).
#include "layers/localchannels.h"
#include "layertestsupport.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace Kaiwa::Server;
using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {
Envelope envelope(const QByteArray &payload)
{
    return Envelope(payload, Envelope::Audience::Everyone);
}
} // namespace

class TestLocalChannels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void channelNamesAreUnique()
    {
        LocalChannels channels;
        Recorder a, b, c;
        const QString first = channels.newChannel(&a, u"chat");
        const QString second = channels.newChannel(&b, u"chat");
        const QString other = channels.newChannel(&c, u"specific");
        QVERIFY(first.startsWith("chat."_L1));
        QVERIFY(second.startsWith("chat."_L1));
        QVERIFY(other.startsWith("specific."_L1));
        QCOMPARE(QSet<QString>({first, second, other}).size(), 3);
        // A closed channel's name is not handed out again: a late send to it must not reach someone else.
        channels.closeChannel(first);
        QVERIFY(channels.newChannel(&a, u"chat") != first);
    }

    /// A group exists from its first member to its last.
    void groupLivesWithItsMembers()
    {
        LocalChannels channels;
        QSignalSpy created(&channels, &LocalChannels::groupCreated);
        QSignalSpy removed(&channels, &LocalChannels::groupRemoved);
        Recorder a, b;
        const QString ca = channels.newChannel(&a, u"chat");
        const QString cb = channels.newChannel(&b, u"chat");
        QVERIFY(!channels.hasGroup(u"chat.lobby"_s));
        QCOMPARE(channels.groupSize(u"chat.lobby"_s), 0);

        QVERIFY(channels.groupAdd(u"chat.lobby"_s, ca));
        QCOMPARE(created.size(), 1);
        QCOMPARE(created.first().first().toString(), u"chat.lobby"_s);
        QVERIFY(channels.groupAdd(u"chat.lobby"_s, cb));
        QVERIFY(channels.groupAdd(u"chat.lobby"_s, cb)); // again: still one membership
        QCOMPARE(created.size(), 1);
        QCOMPARE(channels.groupSize(u"chat.lobby"_s), 2);
        QCOMPARE(channels.groups(), QStringList{u"chat.lobby"_s});
        channels.groupSend(u"chat.lobby"_s, envelope("once"));
        QCOMPARE(b.payloads(), QByteArrayList{"once"});

        channels.groupDiscard(u"chat.lobby"_s, ca);
        QCOMPARE(channels.groupSize(u"chat.lobby"_s), 1);
        QVERIFY(removed.isEmpty());
        channels.groupDiscard(u"chat.lobby"_s, ca); // not a member any more: nothing
        channels.groupDiscard(u"chat.nowhere"_s, cb);
        QCOMPARE(channels.groupSize(u"chat.lobby"_s), 1);
        channels.groupDiscard(u"chat.lobby"_s, cb);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.first().first().toString(), u"chat.lobby"_s);
        QVERIFY(!channels.hasGroup(u"chat.lobby"_s));
        QVERIFY(channels.groups().isEmpty());
    }

    void unknownChannelCannotJoin()
    {
        LocalChannels channels;
        QSignalSpy created(&channels, &LocalChannels::groupCreated);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"groupAdd of unknown channel"_s));
        QVERIFY(!channels.groupAdd(u"chat.lobby"_s, u"chat.unknown"_s));
        QVERIFY(!channels.hasGroup(u"chat.lobby"_s));
        QVERIFY(created.isEmpty());
    }

    void groupSendDeliversInJoinOrder()
    {
        LocalChannels channels;
        QStringList order;
        Recorder first, second, third, outsider;
        for (auto [recorder, name] : {std::pair{&first, u"first"_s}, {&second, u"second"_s}, {&third, u"third"_s}}) {
            recorder->onReceive = [&order, label = name](const Envelope &e) {
                order.append(label + u':' + QString::fromUtf8(e.payload()));
            };
        }
        // Joined in another order than made.
        const QString c3 = channels.newChannel(&third, u"chat");
        const QString c1 = channels.newChannel(&first, u"chat");
        const QString c2 = channels.newChannel(&second, u"chat");
        for (const QString &channel : {c1, c2, c3})
            channels.groupAdd(u"chat.room"_s, channel);
        channels.groupAdd(u"chat.other"_s, channels.newChannel(&outsider, u"chat"));

        channels.groupSend(u"chat.room"_s, envelope("m1"));
        channels.groupSend(u"chat.room"_s, envelope("m2"));
        QCOMPARE(order, (QStringList{u"first:m1"_s, u"second:m1"_s, u"third:m1"_s, u"first:m2"_s, u"second:m2"_s,
                                     u"third:m2"_s}));
        QVERIFY(outsider.received.isEmpty());
        channels.groupSend(u"chat.nobody"_s, envelope("m3")); // no such group here: nothing, no error
        QCOMPARE(order.size(), 6);
    }

    void closedChannelLeavesEveryGroup()
    {
        LocalChannels channels;
        QSignalSpy removed(&channels, &LocalChannels::groupRemoved);
        Recorder a, b;
        const QString ca = channels.newChannel(&a, u"chat");
        const QString cb = channels.newChannel(&b, u"chat");
        channels.groupAdd(u"chat.shared"_s, ca);
        channels.groupAdd(u"chat.shared"_s, cb);
        channels.groupAdd(u"chat.alone"_s, ca);
        channels.closeChannel(ca);
        QCOMPARE(channels.groupSize(u"chat.shared"_s), 1);
        QVERIFY(!channels.hasGroup(u"chat.alone"_s));
        QCOMPARE(removed.size(), 1);
        channels.groupSend(u"chat.shared"_s, envelope("after"));
        QVERIFY(a.received.isEmpty());
        QCOMPARE(b.payloads(), QByteArrayList{"after"});
    }

    /// A member that leaves while a group send is under way gets nothing more of it, and the group
    /// may end inside its own send.
    void membersMayLeaveDuringASend()
    {
        LocalChannels channels;
        QSignalSpy removed(&channels, &LocalChannels::groupRemoved);
        Recorder a, b;
        const QString ca = channels.newChannel(&a, u"chat");
        const QString cb = channels.newChannel(&b, u"chat");
        channels.groupAdd(u"chat.room"_s, ca);
        channels.groupAdd(u"chat.room"_s, cb);
        a.onReceive = [&](const Envelope &) { channels.groupDiscard(u"chat.room"_s, cb); };
        channels.groupSend(u"chat.room"_s, envelope("one"));
        QCOMPARE(a.payloads(), QByteArrayList{"one"});
        QVERIFY(b.received.isEmpty());

        a.onReceive = [&](const Envelope &) { channels.closeChannel(ca); };
        channels.groupSend(u"chat.room"_s, envelope("last"));
        QCOMPARE(a.payloads(), (QByteArrayList{"one", "last"}));
        QCOMPARE(removed.size(), 1);
        QVERIFY(!channels.hasGroup(u"chat.room"_s));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the group object goes now
        channels.groupSend(u"chat.room"_s, envelope("gone"));
        QCOMPARE(a.received.size(), 2);
    }

    /// ChannelLayer::flush(): everything is forgotten at once, and no group is announced as removed.
    void clearForgetsEverythingQuietly()
    {
        LocalChannels channels;
        QSignalSpy removed(&channels, &LocalChannels::groupRemoved);
        Recorder a;
        const QString ca = channels.newChannel(&a, u"chat");
        channels.groupAdd(u"chat.room"_s, ca);
        channels.clear();
        QVERIFY(channels.groups().isEmpty());
        channels.groupSend(u"chat.room"_s, envelope("after clear"));
        QVERIFY(a.received.isEmpty());
        QVERIFY(removed.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLocalChannels)
#include "tst_localchannels.moc"
