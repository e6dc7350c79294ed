// SPDX-License-Identifier: MIT
// Presence and typing against a real kaiwa-server process with real QWebSocket clients: the member
// list on join, member.joined/member.left, one name twice, typing relayed (and rate-limited, and never
// shown to tutorial-only clients, who get no typed frames at all). Across daemons: tests/scaleout.
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include "common/protocol.h"

#include <QJsonArray>
#include <QTest>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

QString memberIdOf(const WsClient &client)
{
    const auto welcomes = client.framesOfType(u"welcome"_s);
    return welcomes.isEmpty() ? QString() : welcomes.first().value("member_id"_L1).toString();
}

/// The "members" of the client's presence frame as "user/id" strings (empty without one).
QStringList presenceOf(const WsClient &client)
{
    const auto frames = client.framesOfType(u"presence"_s);
    if (frames.isEmpty())
        return {};
    QStringList members;
    for (const QJsonValue &value : frames.first().value("members"_L1).toArray())
        members.append(value["user"_L1].toString() + u'/' + value["id"_L1].toString());
    return members;
}

QStringList memberEvents(const WsClient &client, const QString &type)
{
    QStringList result;
    for (const QJsonObject &frame : client.framesOfType(type))
        result.append(frame["member"_L1]["user"_L1].toString() + u'/' + frame["member"_L1]["id"_L1].toString());
    return result;
}

/// The users of the client's member events of one type, in order.
QStringList memberUsers(const WsClient &client, const QString &type)
{
    QStringList result;
    for (const QJsonObject &frame : client.framesOfType(type))
        result.append(frame["member"_L1]["user"_L1].toString());
    return result;
}

QList<int> typingExpiries(const WsClient &client, const QString &user)
{
    QList<int> result;
    for (const QJsonObject &frame : client.framesOfType(u"typing"_s)) {
        if (frame["member"_L1]["user"_L1].toString() == user)
            result.append(frame["expires_in_ms"_L1].toInt());
    }
    return result;
}

} // namespace

class TestPresence : public QObject
{
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;

    std::unique_ptr<WsClient> join(const QString &room, const QString &name, bool kaiwaV1 = true,
                                   ServerProcess *server = nullptr)
    {
        auto client = std::make_unique<WsClient>(kaiwaV1);
        if (!client->open((server ? server : m_server.get())->wsUrl(room, u"name="_s + name)))
            return nullptr;
        if (kaiwaV1 && !QTest::qWaitFor([&] { return !client->framesOfType(u"presence"_s).isEmpty(); }, 10000))
            return nullptr;
        return client;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>(QStringList{u"--database"_s, u":memory:"_s, u"--history"_s, u"0"_s});
        QVERIFY(m_server->start());
    }

    void presenceListOnJoin()
    {
        auto alice = join(u"p_list"_s, u"alice"_s);
        QVERIFY(alice);
        const QString aliceId = memberIdOf(*alice);
        QVERIFY(!aliceId.isEmpty());
        // welcome, then the list: this connection alone.
        QCOMPARE(alice->frames().at(0).value("type"_L1).toString(), u"welcome"_s);
        QCOMPARE(alice->frames().at(1).value("type"_L1).toString(), u"presence"_s);
        QCOMPARE(alice->frames().at(1).value("count"_L1).toInt(), 1);
        QCOMPARE(alice->frames().at(1).value("room"_L1).toString(), u"p_list"_s);
        QCOMPARE(presenceOf(*alice), QStringList{u"alice/"_s + aliceId});

        auto bob = join(u"p_list"_s, u"bob"_s);
        QVERIFY(bob);
        const QString bobId = memberIdOf(*bob);
        QVERIFY(bobId != aliceId);
        QCOMPARE(presenceOf(*bob), (QStringList{u"alice/"_s + aliceId, u"bob/"_s + bobId}));
        QCOMPARE(bob->framesOfType(u"presence"_s).first().value("count"_L1).toInt(), 2);
        QTRY_COMPARE(memberEvents(*alice, u"member.joined"_s), QStringList{u"bob/"_s + bobId});
        QVERIFY(memberEvents(*bob, u"member.joined"_s).isEmpty()); // not its own join
    }

    void joinAndLeaveEvents()
    {
        auto alice = join(u"p_leave"_s, u"alice"_s);
        auto bob = join(u"p_leave"_s, u"bob"_s);
        QVERIFY(alice && bob);
        const QString bobId = memberIdOf(*bob);
        QTRY_COMPARE(memberEvents(*alice, u"member.joined"_s), QStringList{u"bob/"_s + bobId});
        bob->socket().close();
        QTRY_COMPARE(memberEvents(*alice, u"member.left"_s), QStringList{u"bob/"_s + bobId});
        // A later joiner sees only alice.
        auto carol = join(u"p_leave"_s, u"carol"_s);
        QVERIFY(carol);
        QCOMPARE(presenceOf(*carol).size(), 2);
        QVERIFY(presenceOf(*carol).first().startsWith("alice/"_L1));
    }

    void sameNameTwiceIsTwoMembers()
    {
        auto first = join(u"p_same"_s, u"sam"_s);
        auto second = join(u"p_same"_s, u"sam"_s);
        QVERIFY(first && second);
        const QString firstId = memberIdOf(*first);
        const QString secondId = memberIdOf(*second);
        QVERIFY(!firstId.isEmpty() && firstId != secondId);
        QCOMPARE(presenceOf(*second).size(), 2);
        QVERIFY(presenceOf(*second).contains(u"sam/"_s + firstId));
        QVERIFY(presenceOf(*second).contains(u"sam/"_s + secondId));
        QTRY_COMPARE(memberEvents(*first, u"member.joined"_s), QStringList{u"sam/"_s + secondId});
        // One of them leaves: the other "sam" stays.
        second->socket().close();
        QTRY_COMPARE(memberEvents(*first, u"member.left"_s), QStringList{u"sam/"_s + secondId});
    }

    void tutorialJoinsReachTypedMembersOnly()
    {
        // member.joined is built only where a kaiwa.v1 connection is in the room; which rooms those are follows the
        // typed connections in and out, whatever the tutorial ones do.
        auto first = join(u"p_mixed"_s, u"tut1"_s, false);
        QVERIFY(first);
        auto alice = join(u"p_mixed"_s, u"alice"_s);
        QVERIFY(alice);
        QCOMPARE(presenceOf(*alice).size(), 2);
        auto second = join(u"p_mixed"_s, u"tut2"_s, false);
        QVERIFY(second);
        QTRY_COMPARE(memberUsers(*alice, u"member.joined"_s), QStringList{u"tut2"_s});
        // The room's only typed connection leaves (the closing handshake ends after the daemon let it go), then
        // another comes: tutorial joins reach it again.
        alice->socket().close();
        QTRY_COMPARE(alice->socket().state(), QAbstractSocket::UnconnectedState);
        auto bob = join(u"p_mixed"_s, u"bob"_s);
        QVERIFY(bob);
        QCOMPARE(presenceOf(*bob).size(), 3);
        auto third = join(u"p_mixed"_s, u"tut3"_s, false);
        QVERIFY(third);
        QTRY_COMPARE(memberUsers(*bob, u"member.joined"_s), QStringList{u"tut3"_s});
        second->socket().close();
        QTRY_COMPARE(memberUsers(*bob, u"member.left"_s), QStringList{u"tut2"_s});
        // Tutorial clients get no typed frame at all.
        QVERIFY(first->frames().isEmpty());
        QVERIFY(third->frames().isEmpty());
    }

    void typingRelayedButNotToTutorialClients()
    {
        auto alice = join(u"p_typing"_s, u"alice"_s);
        auto bob = join(u"p_typing"_s, u"bob"_s);
        auto tutorial = join(u"p_typing"_s, u"tutor"_s, false);
        QVERIFY(alice && bob && tutorial);
        // The tutorial client is a member like any other, for those who can see members.
        QTRY_VERIFY(memberEvents(*alice, u"member.joined"_s).join(u',').contains("tutor/"_L1));

        alice->sendJson({{"type"_L1, u"typing"_s}});
        QTRY_COMPARE(typingExpiries(*bob, u"alice"_s), QList<int>{Kaiwa::Protocol::typingExpiryMs});
        const QJsonObject typing = bob->framesOfType(u"typing"_s).first();
        QCOMPARE(typing["member"_L1]["id"_L1].toString(), memberIdOf(*alice));
        QCOMPARE(typing["room"_L1].toString(), u"p_typing"_s);

        // Sending the message takes the indicator down (expires_in_ms 0), then the message arrives.
        alice->sendJson({{"message"_L1, u"done typing"_s}});
        QTRY_COMPARE(bob->chatTexts(), QStringList{u"done typing"_s});
        QCOMPARE(typingExpiries(*bob, u"alice"_s), (QList<int>{Kaiwa::Protocol::typingExpiryMs, 0}));
        QTRY_COMPARE(alice->chatTexts(), QStringList{u"done typing"_s});
        QVERIFY(alice->framesOfType(u"typing"_s).isEmpty()); // not its own

        // The tutorial client got the message, and nothing without a "message" field: no junk lines.
        bob->socket().close();
        tutorial->sendJson({{"message"_L1, u"sync"_s}});
        QTRY_COMPARE(tutorial->chatTexts(), (QStringList{u"done typing"_s, u"sync"_s}));
        for (const QJsonObject &frame : tutorial->frames()) {
            QVERIFY2(frame.contains("message"_L1), qPrintable(frame.value("type"_L1).toString()));
            QCOMPARE(frame.value("type"_L1).toString(), u"chat.message"_s);
        }
    }

    void typingIsRateLimitedSilently()
    {
        auto alice = join(u"p_rate"_s, u"alice"_s);
        auto bob = join(u"p_rate"_s, u"bob"_s);
        QVERIFY(alice && bob);
        for (int i = 0; i < 6; ++i)
            alice->sendJson({{"type"_L1, u"typing"_s}});
        // Frames are handled in order: once the message is through, every typing relay is too.
        alice->sendJson({{"message"_L1, u"after the typing"_s}});
        QTRY_COMPARE(bob->chatTexts(), QStringList{u"after the typing"_s});
        QCOMPARE(typingExpiries(*bob, u"alice"_s), (QList<int>{Kaiwa::Protocol::typingExpiryMs, 0}));
        QTRY_COMPARE(alice->chatTexts(), QStringList{u"after the typing"_s});
        QVERIFY(alice->framesOfType(u"error"_s).isEmpty()); // coalesced, not refused

        // The next message's typing starts a new interval at once; repeats within it are coalesced again.
        alice->sendJson({{"type"_L1, u"typing"_s}});
        QTRY_COMPARE(typingExpiries(*bob, u"alice"_s).size(), 3);
        alice->sendJson({{"type"_L1, u"typing"_s}});
        alice->sendJson({{"message"_L1, u"second"_s}});
        QTRY_COMPARE(bob->chatTexts().size(), 2);
        QCOMPARE(typingExpiries(*bob, u"alice"_s),
                 (QList<int>{Kaiwa::Protocol::typingExpiryMs, 0, Kaiwa::Protocol::typingExpiryMs, 0}));
    }

    void typingDoesNotSpendTheChatBudget()
    {
        // One chat frame per second, two at once: any typing frame charged to that budget would show.
        ServerProcess strict({u"--database"_s, u":memory:"_s, u"--history"_s, u"0"_s, u"--rate-limit"_s, u"1"_s,
                              u"--rate-burst"_s, u"2"_s});
        QVERIFY(strict.start());
        auto alice = join(u"p_budget"_s, u"alice"_s, true, &strict);
        QVERIFY(alice);
        for (int i = 0; i < 3; ++i)
            alice->sendJson({{"type"_L1, u"typing"_s}});
        alice->sendJson({{"message"_L1, u"one"_s}});
        alice->sendJson({{"message"_L1, u"two"_s}});
        QTRY_COMPARE(alice->chatTexts(), (QStringList{u"one"_s, u"two"_s}));
        QVERIFY(alice->framesOfType(u"error"_s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPresence)
#include "tst_presence.moc"
