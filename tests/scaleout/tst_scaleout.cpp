// SPDX-License-Identifier: MIT
// Several kaiwa-server processes sharing rooms through a real redis-server and history through a
// real PostgreSQL, all started here on free ports: cross-daemon broadcast, order, equal ids, no
// duplicates; Redis killed and restarted, or frozen, mid-chat; PostgreSQL restarted mid-chat; a
// daemon killed with SIGKILL mid-chat; the ack after a gap fill.
#include "util/fixturepolicy.h"
#include "util/httpexchange.h"
#include "util/postgresprocess.h"
#include "util/redisserverprocess.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTest>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

struct Seen {
    qint64 id;
    QString user;
    QString text;
    friend bool operator==(const Seen &, const Seen &) = default;
};

QList<Seen> chatMessages(const WsClient &client)
{
    QList<Seen> result;
    for (const QJsonObject &frame : client.frames()) {
        if (frame.value("type"_L1).toString() == "chat.message"_L1)
            result.append(Seen{frame.value("id"_L1).toInteger(), frame.value("user"_L1).toString(),
                               frame.value("message"_L1).toString()});
    }
    return result;
}

} // namespace

class TestScaleOut : public QObject
{
    Q_OBJECT

    RedisServerProcess m_redis;
    PostgresProcess m_postgres;
    bool m_started = false;
    int m_databases = 0;
    QString m_databaseName;
    QString m_database;
    std::vector<std::unique_ptr<ServerProcess>> m_daemons;

    ServerProcess *startDaemon(const QStringList &extra = {})
    {
        auto daemon =
            std::make_unique<ServerProcess>(QStringList{u"--database"_s, m_database, u"--redis"_s, m_redis.url(),
                                                        u"--rate-limit"_s, u"0"_s, u"--history"_s, u"0"_s}
                                            + extra);
        if (!daemon->start())
            return nullptr;
        m_daemons.push_back(std::move(daemon));
        return m_daemons.back().get();
    }
    std::unique_ptr<WsClient> join(ServerProcess *daemon, const QString &room, const QString &name,
                                   const QString &extra = {})
    {
        return WsClient::connected(daemon->wsUrl(room, u"name="_s + name + extra), true);
    }
    QByteArray healthz(ServerProcess *daemon)
    {
        QNetworkAccessManager manager;
        std::unique_ptr<QNetworkReply> reply(manager.get(QNetworkRequest(daemon->httpUrl(u"/healthz"_s))));
        QDeadlineTimer deadline(5000);
        while (!reply->isFinished() && !deadline.hasExpired())
            QTest::qWait(10);
        return reply->readAll().trimmed();
    }
    QByteArray metric(ServerProcess *daemon, const QByteArray &name)
    {
        const QByteArray body = HttpExchange::run(daemon->port(), "GET", "/metrics").body;
        for (const QByteArray &line : body.split('\n')) {
            if (line.startsWith(name + ' '))
                return line.mid(name.size() + 1);
        }
        return {};
    }
    /// Waits until every daemon reports Redis as usable (its subscriber is in place).
    bool allHealthy()
    {
        for (const auto &daemon : m_daemons) {
            if (healthz(daemon.get()) != "ok")
                return false;
        }
        return true;
    }
    /// "user/id" of the members in the client's presence frame, plus later joins, minus later leaves.
    static QStringList membersSeenBy(const WsClient &client)
    {
        QStringList members;
        const auto entry = [](const QJsonObject &member) {
            return member.value("user"_L1).toString() + u'/' + member.value("id"_L1).toString();
        };
        for (const QJsonObject &frame : client.frames()) {
            const QString type = frame.value("type"_L1).toString();
            if (type == "presence"_L1) {
                for (const QJsonValue &member : frame.value("members"_L1).toArray())
                    members.append(entry(member.toObject()));
            } else if (type == "member.joined"_L1 && !members.contains(entry(frame.value("member"_L1).toObject()))) {
                members.append(entry(frame.value("member"_L1).toObject()));
            } else if (type == "member.left"_L1) {
                members.removeAll(entry(frame.value("member"_L1).toObject()));
            }
        }
        members.sort();
        return members;
    }
    static QString memberId(const WsClient &client)
    {
        const auto welcomes = client.framesOfType(u"welcome"_s);
        return welcomes.isEmpty() ? QString() : welcomes.first().value("member_id"_L1).toString();
    }
    static void verifyConsistent(const QList<const WsClient *> &clients, int expected, const QStringList &senders)
    {
        const QList<Seen> reference = chatMessages(*clients.first());
        QCOMPARE(reference.size(), expected);
        QSet<qint64> ids;
        for (const Seen &seen : reference)
            ids.insert(seen.id);
        QCOMPARE(ids.size(), expected); // no duplicates
        for (qsizetype i = 1; i < reference.size(); ++i)
            QVERIFY2(reference.at(i).id == reference.at(i - 1).id + 1, "ids in order, without gaps");
        for (const WsClient *client : clients)
            QVERIFY(chatMessages(*client) == reference); // same ids, same order on every daemon
        for (const QString &sender : senders) {
            int next = 0;
            for (const Seen &seen : reference) {
                if (seen.user != sender)
                    continue;
                QCOMPARE(seen.text, u"%1-%2"_s.arg(sender).arg(next));
                ++next;
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_started = m_redis.start() && m_postgres.start();
        KAIWA_REQUIRE_FIXTURE(m_started, u"redis-server and PostgreSQL"_s);
    }
    void init()
    {
        KAIWA_REQUIRE_FIXTURE(m_started, u"redis-server and PostgreSQL"_s);
        if (!m_postgres.isRunning())
            QVERIFY(m_postgres.restart());
        m_databaseName = u"scaleout_%1"_s.arg(++m_databases);
        QVERIFY(m_postgres.createDatabase(m_databaseName));
        m_database = m_postgres.url(m_databaseName);
        if (!m_redis.isRunning())
            QVERIFY(m_redis.restart());
        // Each test has a database of its own: the previous one's registration must not stand.
        QCOMPARE(m_redis.cli({u"FLUSHALL"_s}), QByteArray("OK"));
    }
    void cleanup()
    {
        m_redis.thaw(); // a test that failed while it was frozen
        m_daemons.clear();
    }

    void crossDaemonBroadcast()
    {
        QList<ServerProcess *> daemons;
        for (int i = 0; i < 3; ++i) {
            daemons.append(startDaemon());
            QVERIFY(daemons.last());
        }
        QTRY_VERIFY_WITH_TIMEOUT(allHealthy(), 10000);
        std::vector<std::unique_ptr<WsClient>> clients;
        const QStringList names{u"ann"_s, u"bob"_s, u"cho"_s, u"dan"_s, u"eve"_s, u"fay"_s};
        for (int i = 0; i < names.size(); ++i) {
            clients.push_back(join(daemons.at(i % 3), u"lobby"_s, names.at(i)));
            QVERIFY(clients.back());
        }
        for (const auto &client : clients) // in the room (the store fills in what a late subscription misses)
            QTRY_COMPARE(client->framesOfType(u"presence"_s).size(), 1);
        constexpr int perSender = 40;
        for (int n = 0; n < perSender; ++n) {
            for (int i = 0; i < names.size(); ++i)
                clients.at(i)->sendJson({{"message"_L1, u"%1-%2"_s.arg(names.at(i)).arg(n)}});
        }
        const int expected = perSender * int(names.size());
        for (const auto &client : clients)
            QTRY_COMPARE_WITH_TIMEOUT(chatMessages(*client).size(), expected, 20000);
        QTest::qWait(300); // nothing more (no duplicates) arrives
        QList<const WsClient *> all;
        for (const auto &client : clients)
            all.append(client.get());
        verifyConsistent(all, expected, names);
    }

    void redisRestartMidChat()
    {
        ServerProcess *first = startDaemon();
        ServerProcess *second = startDaemon();
        QVERIFY(first && second);
        QTRY_VERIFY_WITH_TIMEOUT(allHealthy(), 10000);
        auto ann = join(first, u"room"_s, u"ann"_s);
        auto bob = join(second, u"room"_s, u"bob"_s);
        auto cho = join(first, u"room"_s, u"cho"_s);
        QVERIFY(ann && bob && cho);
        for (WsClient *client : {ann.get(), bob.get(), cho.get()})
            QTRY_COMPARE(client->framesOfType(u"presence"_s).size(), 1);
        int annSent = 0, bobSent = 0;
        const auto say = [&](WsClient &client, const QString &name, int &count) {
            client.sendJson({{"message"_L1, u"%1-%2"_s.arg(name).arg(count++)}});
        };
        for (int i = 0; i < 10; ++i) {
            say(*ann, u"ann"_s, annSent);
            say(*bob, u"bob"_s, bobSent);
        }
        QTRY_COMPARE_WITH_TIMEOUT(chatMessages(*cho).size(), 20, 10000);

        m_redis.kill();
        QTRY_COMPARE_WITH_TIMEOUT(healthz(first), QByteArray("degraded: redis unavailable"), 10000);
        QTRY_VERIFY(first->log().contains("redis unavailable"));
        // Local members keep chatting while Redis is away.
        for (int i = 0; i < 10; ++i)
            say(*ann, u"ann"_s, annSent);
        QTRY_COMPARE_WITH_TIMEOUT(chatMessages(*cho).size(), 30, 10000);
        for (int i = 0; i < 5; ++i)
            say(*bob, u"bob"_s, bobSent);

        QVERIFY(m_redis.restart());
        QTRY_VERIFY_WITH_TIMEOUT(allHealthy(), 15000);
        QTRY_VERIFY(first->log().contains("redis available again"));
        for (int i = 0; i < 5; ++i) {
            say(*ann, u"ann"_s, annSent);
            say(*bob, u"bob"_s, bobSent);
        }
        const int expected = annSent + bobSent;
        for (WsClient *client : {ann.get(), bob.get(), cho.get()})
            QTRY_COMPARE_WITH_TIMEOUT(chatMessages(*client).size(), expected, 15000);
        QTest::qWait(300);
        verifyConsistent({ann.get(), bob.get(), cho.get()}, expected, {u"ann"_s, u"bob"_s});
    }

    /// Presence spans daemons; a daemon killed with SIGKILL takes its members out of the others' lists within the TTL.
    void presenceAcrossDaemons()
    {
        ServerProcess *first = startDaemon({u"--presence-ttl"_s, u"1"_s});
        ServerProcess *second = startDaemon({u"--presence-ttl"_s, u"1"_s});
        QVERIFY(first && second);
        QTRY_VERIFY_WITH_TIMEOUT(allHealthy(), 10000);
        auto ann = join(first, u"presence"_s, u"ann"_s);
        QVERIFY(ann);
        QTRY_COMPARE(ann->framesOfType(u"presence"_s).size(), 1);
        auto bob = join(second, u"presence"_s, u"bob"_s);
        auto bobToo = join(first, u"presence"_s, u"bob"_s); // the same name on the other daemon
        QVERIFY(bob && bobToo);
        const QString annId = memberId(*ann), bobId = memberId(*bob), bobTooId = memberId(*bobToo);
        QVERIFY(!bobId.isEmpty() && bobId != bobTooId && bobId.section(u'.', 0, 0) != annId.section(u'.', 0, 0));
        QStringList everyone{u"ann/"_s + annId, u"bob/"_s + bobId, u"bob/"_s + bobTooId};
        everyone.sort();
        for (WsClient *client : {ann.get(), bob.get(), bobToo.get()})
            QTRY_COMPARE_WITH_TIMEOUT(membersSeenBy(*client), everyone, 10000);
        // A late joiner on either daemon gets the whole list at once.
        auto cho = join(second, u"presence"_s, u"cho"_s);
        QVERIFY(cho);
        QTRY_COMPARE_WITH_TIMEOUT(cho->framesOfType(u"presence"_s).size(), 1, 10000);
        QCOMPARE(cho->framesOfType(u"presence"_s).first().value("count"_L1).toInt(), 4);
        // Typing crosses daemons too.
        bob->sendJson({{"type"_L1, u"typing"_s}});
        QTRY_COMPARE_WITH_TIMEOUT(ann->framesOfType(u"typing"_s).size(), 1, 10000);
        QCOMPARE(ann->framesOfType(u"typing"_s).first()["member"_L1]["id"_L1].toString(), bobId);

        second->kill(); // SIGKILL: nobody says goodbye; only the TTL tells
        QStringList survivors{u"ann/"_s + annId, u"bob/"_s + bobTooId};
        survivors.sort();
        QTRY_COMPARE_WITH_TIMEOUT(membersSeenBy(*ann), survivors, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(membersSeenBy(*bobToo), survivors, 10000);
        auto dan = join(first, u"presence"_s, u"dan"_s);
        QVERIFY(dan);
        QTRY_COMPARE_WITH_TIMEOUT(dan->framesOfType(u"presence"_s).size(), 1, 10000);
        QCOMPARE(dan->framesOfType(u"presence"_s).first().value("count"_L1).toInt(), 3);
    }

    /// Redis frozen (SIGSTOP) mid-chat: the connections stay open but nothing moves. Each daemon
    /// notices within a bounded time (/healthz, metrics), keeps serving its own members, and once
    /// Redis runs again everything said meanwhile reaches the other daemon's members, in order.
    void frozenRedisMidChat()
    {
        ServerProcess *first = startDaemon();
        ServerProcess *second = startDaemon();
        QVERIFY(first && second);
        QTRY_VERIFY_WITH_TIMEOUT(allHealthy(), 10000);
        auto ann = join(first, u"room"_s, u"ann"_s);
        auto bob = join(second, u"room"_s, u"bob"_s);
        auto cho = join(first, u"room"_s, u"cho"_s);
        QVERIFY(ann && bob && cho);
        for (WsClient *client : {ann.get(), bob.get(), cho.get()})
            QTRY_COMPARE(client->framesOfType(u"presence"_s).size(), 1);
        int annSent = 0, bobSent = 0;
        const auto say = [&](WsClient &client, const QString &name, int &count) {
            client.sendJson({{"message"_L1, u"%1-%2"_s.arg(name).arg(count++)}});
        };
        for (int i = 0; i < 5; ++i) {
            say(*ann, u"ann"_s, annSent);
            say(*bob, u"bob"_s, bobSent);
        }
        QTRY_COMPARE_WITH_TIMEOUT(chatMessages(*cho).size(), 10, 10000);

        QVERIFY(m_redis.freeze());
        for (int i = 0; i < 5; ++i) // into connections that do not move: published, never echoed
            say(*ann, u"ann"_s, annSent);
        QTRY_COMPARE(chatMessages(*cho).size(), 15); // local members at once
        // The probe's deadline is 3 s of the daemon's own ticks; a loaded machine (the whole suite on two
        // cores) slows those ticks, so the bound here is generous, and a failure shows what the daemon said.
        QDeadlineTimer noticed(20000);
        for (ServerProcess *daemon : {first, second}) {
            QTRY_VERIFY2_WITH_TIMEOUT(healthz(daemon) == "degraded: redis unavailable",
                                      qPrintable(u"/healthz says \"%1\"; the daemon's log:\n%2"_s.arg(
                                          QString::fromUtf8(healthz(daemon)), QString::fromUtf8(daemon->log()))),
                                      20000);
        }
        QVERIFY(!noticed.hasExpired());
        QTRY_VERIFY(first->log().contains("redis unavailable (no answer within 3000 ms)"));
        QVERIFY(metric(first, "kaiwa_redis_probe_timeouts_total").toInt() >= 1);
        QCOMPARE(metric(first, "kaiwa_channel_layer_up"), QByteArray("0"));
        // bob's own messages follow a gap (ann's five): the store fills it, Redis or not.
        for (int i = 0; i < 3; ++i)
            say(*bob, u"bob"_s, bobSent);
        QTRY_COMPARE(chatMessages(*bob).size(), 18);
        for (int i = 0; i < 5; ++i)
            say(*ann, u"ann"_s, annSent);
        QTRY_COMPARE(chatMessages(*cho).size(), 23); // bob's three filled in before ann's next
        QCOMPARE(chatMessages(*bob).size(), 18);     // ann's last five have not reached the other daemon

        m_redis.thaw();
        QTRY_VERIFY_WITH_TIMEOUT(allHealthy(), 20000);
        const int expected = annSent + bobSent; // nobody sent anything since: what was stored meanwhile arrives
        for (WsClient *client : {ann.get(), bob.get(), cho.get()})
            QTRY_COMPARE_WITH_TIMEOUT(chatMessages(*client).size(), expected, 15000);
        QTest::qWait(300);
        verifyConsistent({ann.get(), bob.get(), cho.get()}, expected, {u"ann"_s, u"bob"_s});
    }

    /// A message whose id follows a gap waits in the room's sequencer until the gap is filled from
    /// the store; its sender's ack must still come after the message itself (docs/protocol.md).
    void ackFollowsOwnMessageAcrossGapFill()
    {
        ServerProcess *daemon = startDaemon();
        QVERIFY(daemon);
        QTRY_VERIFY_WITH_TIMEOUT(allHealthy(), 10000);
        auto ann = join(daemon, u"gap"_s, u"ann"_s);
        QVERIFY(ann);
        QTRY_COMPARE(ann->framesOfType(u"presence"_s).size(), 1);
        // Another daemon stored id 1 and died before publishing it (written here straight into the
        // shared database, as that daemon's append would have; ann's join made the room's row).
        QVERIFY(m_postgres.psql(m_databaseName, u"UPDATE rooms SET last_id = 1, message_count = 1, last_activity = 0 "
                                                "WHERE room = 'gap';"
                                                "INSERT INTO messages (room, id, time, \"user\", text) "
                                                "VALUES ('gap', 1, 0, 'gone', 'stored elsewhere')"_s));
        ann->sendJson({{"message"_L1, u"mine"_s}, {"client_id"_L1, u"c-1"_s}});
        QTRY_COMPARE(ann->framesOfType(u"ack"_s).size(), 1);
        QStringList order;
        for (const QJsonObject &frame : ann->frames()) {
            const QString type = frame.value("type"_L1).toString();
            if (type == "chat.message"_L1 || type == "ack"_L1)
                order.append(u"%1 %2"_s.arg(type).arg(frame.value("id"_L1).toInteger()));
        }
        QCOMPARE(order, (QStringList{u"chat.message 1"_s, u"chat.message 2"_s, u"ack 2"_s}));
    }

    /// Replies, edits, deletes and reactions from clients on two daemons go through the one id authority and
    /// the Redis layer: both daemons' clients see the same events in the same order, a gap filled from the
    /// store included, joiners on either daemon the same final state, and a tutorial-only client only frames
    /// with "message".
    void conversationAcrossDaemons()
    {
        ServerProcess *first = startDaemon({u"--history"_s, u"50"_s});
        ServerProcess *second = startDaemon({u"--history"_s, u"50"_s});
        QVERIFY(first && second);
        QTRY_VERIFY_WITH_TIMEOUT(allHealthy(), 10000);
        const QString room = u"talk"_s;
        auto alice = join(first, room, u"alice"_s);
        auto bob = join(second, room, u"bob"_s);
        auto tutorial = WsClient::connected(second->wsUrl(room, u"name=plain"_s));
        QVERIFY(alice && bob && tutorial);
        QTRY_COMPARE(alice->framesOfType(u"presence"_s).size(), 1);
        QTRY_COMPARE(bob->framesOfType(u"presence"_s).size(), 1);
        QTest::qWait(300); // subscriptions in place (the store would fill in anyway)
        for (int i = 1; i <= 5; ++i)
            alice->sendJson({{"message"_L1, u"m%1"_s.arg(i)}, {"client_id"_L1, u"a%1"_s.arg(i)}});
        QTRY_COMPARE(alice->framesOfType(u"ack"_s).size(), 5);
        // Another daemon stored an event and died before publishing it: the sequencer fills it in.
        QVERIFY(m_postgres.psql(m_databaseName,
                                u"UPDATE rooms SET last_id = 6, message_count = message_count + 1 "
                                "WHERE room = 'talk';"
                                "INSERT INTO reactions (room, message_id, emoji, reactor, reactor_name, time) "
                                "VALUES ('talk', 1, '👀', 'member:gone', 'gone', 0);"
                                "INSERT INTO messages (room, id, time, \"user\", text, kind, target, emoji, added) "
                                "VALUES ('talk', 6, 0, 'gone', '', 3, 1, '👀', true)"_s));
        // Both at once, without waiting for each other.
        alice->sendJson(
            {{"type"_L1, "edit"_L1}, {"id"_L1, 1}, {"message"_L1, u"m1 fixed"_s}, {"client_id"_L1, u"e1"_s}});
        bob->sendJson({{"type"_L1, "react"_L1}, {"id"_L1, 2}, {"emoji"_L1, u"👍"_s}, {"client_id"_L1, u"r1"_s}});
        bob->sendJson({{"type"_L1, "react"_L1}, {"id"_L1, 3}, {"emoji"_L1, u"👍"_s}, {"client_id"_L1, u"r2"_s}});
        alice->sendJson({{"type"_L1, "delete"_L1}, {"id"_L1, 5}, {"client_id"_L1, u"d1"_s}});
        bob->sendJson({{"message"_L1, u"about m4"_s}, {"reply_to"_L1, 4}, {"client_id"_L1, u"b1"_s}});
        bob->sendJson({{"type"_L1, "unreact"_L1}, {"id"_L1, 3}, {"emoji"_L1, u"👍"_s}, {"client_id"_L1, u"r3"_s}});
        alice->sendJson({{"type"_L1, "react"_L1}, {"id"_L1, 4}, {"emoji"_L1, u"🎉"_s}, {"client_id"_L1, u"r4"_s}});
        QTRY_COMPARE(alice->framesOfType(u"ack"_s).size(), 8);
        QTRY_COMPARE(bob->framesOfType(u"ack"_s).size(), 4);
        QVERIFY(alice->framesOfType(u"error"_s).isEmpty());
        QVERIFY(bob->framesOfType(u"error"_s).isEmpty());

        const auto events = [](const WsClient &client) {
            QList<QJsonObject> result;
            for (const QJsonObject &frame : client.frames()) {
                if (frame.value("type"_L1).toString().startsWith("chat."_L1))
                    result.append(frame);
            }
            return result;
        };
        // 5 messages, the filled-in reaction, then 7 events: every id once, in order, the same on both daemons.
        QTRY_COMPARE_WITH_TIMEOUT(events(*alice).size(), 13, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(events(*bob).size(), 13, 10000);
        QCOMPARE(events(*alice), events(*bob));
        for (qsizetype i = 0; i < 13; ++i)
            QCOMPARE(events(*alice).at(i).value("id"_L1).toInteger(), i + 1);

        // Joiners on either daemon see the same current state, and so does a replay of everything.
        for (const QString &since : {QString(), u"&since=0"_s}) {
            auto onFirst = join(first, room, u"late"_s, since);
            auto onSecond = join(second, room, u"late"_s, since);
            QVERIFY(onFirst && onSecond);
            QTRY_COMPARE(onFirst->framesOfType(u"presence"_s).size(), 1);
            QTRY_COMPARE(onSecond->framesOfType(u"presence"_s).size(), 1);
            QCOMPARE(events(*onFirst), events(*onSecond));
            QCOMPARE(onFirst->framesOfType(u"welcome"_s).first().value("epoch"_L1),
                     onSecond->framesOfType(u"welcome"_s).first().value("epoch"_L1));
            if (since.isEmpty()) {
                const QList<QJsonObject> state = events(*onFirst);
                QCOMPARE(state.size(), 6); // messages only
                QCOMPARE(state.at(0).value("message"_L1).toString(), u"m1 fixed"_s);
                QCOMPARE(state.at(0).value("reactions"_L1).toArray().size(), 1);
                QCOMPARE(state.at(1).value("reactions"_L1).toArray().first().toObject().value("users"_L1).toArray(),
                         QJsonArray{u"bob"_s});
                QVERIFY(!state.at(2).contains("reactions"_L1));
                QCOMPARE(state.at(4).value("deleted"_L1).toBool(), true);
                QCOMPARE(state.at(5).value("reply_to"_L1).toObject().value("excerpt"_L1).toString(), u"m4"_s);
            }
        }
        // The tutorial client got the messages and the edit's line, nothing without "message".
        QTRY_COMPARE(tutorial->chatTexts().size(), 7);
        QVERIFY(tutorial->chatTexts().contains(u"✎ m1 fixed"_s)); // before or after the reply: ids decide
        QVERIFY(tutorial->chatTexts().contains(u"about m4"_s));
        for (const QJsonObject &frame : tutorial->frames())
            QVERIFY(frame.contains("message"_L1));
    }

    /// PostgreSQL stopped and started again while clients chat on two daemons: what was acknowledged
    /// is kept and delivered, what was sent meanwhile is refused with store_failed (never delivered),
    /// and the daemons recover by themselves.
    void postgresRestartMidChat()
    {
        ServerProcess *first = startDaemon();
        ServerProcess *second = startDaemon();
        QVERIFY(first && second);
        QTRY_VERIFY_WITH_TIMEOUT(allHealthy(), 10000);
        auto ann = join(first, u"pg"_s, u"ann"_s);
        auto bob = join(second, u"pg"_s, u"bob"_s);
        QVERIFY(ann && bob);
        QTRY_VERIFY(ann->framesOfType(u"presence"_s).size() == 1 && bob->framesOfType(u"presence"_s).size() == 1);
        const auto say = [](WsClient &client, const QString &name, int n) {
            const QString text = u"%1-%2"_s.arg(name).arg(n);
            client.sendJson({{"message"_L1, text}, {"client_id"_L1, text}});
        };
        const auto acked = [](const WsClient &client) {
            QStringList keys;
            for (const QJsonObject &ack : client.framesOfType(u"ack"_s))
                keys.append(ack.value("client_id"_L1).toString());
            return keys;
        };
        const auto refused = [](const WsClient &client) {
            QStringList keys;
            for (const QJsonObject &error : client.framesOfType(u"error"_s)) {
                if (error.value("code"_L1).toString() == "store_failed"_L1)
                    keys.append(error.value("client_id"_L1).toString());
            }
            return keys;
        };
        for (int n = 0; n < 5; ++n) {
            say(*ann, u"ann"_s, n);
            say(*bob, u"bob"_s, n);
        }
        QTRY_COMPARE(acked(*ann).size(), 5);
        QTRY_COMPARE(acked(*bob).size(), 5);

        m_postgres.stop();
        for (int n = 5; n < 8; ++n) {
            say(*ann, u"ann"_s, n);
            say(*bob, u"bob"_s, n);
        }
        const QStringList annRefused{u"ann-5"_s, u"ann-6"_s, u"ann-7"_s};
        const QStringList bobRefused{u"bob-5"_s, u"bob-6"_s, u"bob-7"_s};
        QTRY_COMPARE_WITH_TIMEOUT(refused(*ann), annRefused, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(refused(*bob), bobRefused, 15000);
        QCOMPARE(acked(*ann).size(), 5);

        QVERIFY(m_postgres.restart());
        for (int n = 8; n < 12; ++n) { // the first call after the restart reconnects by itself
            say(*ann, u"ann"_s, n);
            say(*bob, u"bob"_s, n);
        }
        QTRY_COMPARE_WITH_TIMEOUT(acked(*ann).size(), 9, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(acked(*bob).size(), 9, 15000);
        QCOMPARE(refused(*ann), annRefused);

        // Everything acknowledged is stored, once, in one order, and every member got exactly that.
        const QByteArray stored = m_postgres
                                      .psql(m_databaseName, u"SELECT string_agg(id || ':' || text, ',' ORDER BY id) "
                                                            "FROM messages WHERE room = 'pg'"_s)
                                      .value_or(QByteArray());
        QStringList expected;
        for (const QString &line : QString::fromUtf8(stored).split(u','))
            expected.append(line);
        QCOMPARE(expected.size(), 18);
        for (const QString &key : acked(*ann) + acked(*bob))
            QVERIFY2(stored.contains(':' + key.toUtf8()), qPrintable(key));
        for (const QString &key : annRefused + bobRefused)
            QVERIFY2(!stored.contains(':' + key.toUtf8()), qPrintable(key));
        const auto seen = [](const WsClient &client) {
            QStringList lines;
            for (const Seen &message : chatMessages(client))
                lines.append(u"%1:%2"_s.arg(message.id).arg(message.text));
            return lines;
        };
        QTRY_COMPARE_WITH_TIMEOUT(seen(*ann), expected, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(seen(*bob), expected, 10000);
        QTRY_VERIFY(first->log().contains("reconnecting to message database"));
    }

    void daemonKilledMidChat()
    {
        ServerProcess *first = startDaemon();
        ServerProcess *second = startDaemon();
        QVERIFY(first && second);
        QTRY_VERIFY_WITH_TIMEOUT(allHealthy(), 10000);
        auto ann = join(first, u"room"_s, u"ann"_s);
        auto bob = join(second, u"room"_s, u"bob"_s);
        QVERIFY(ann && bob);
        QTest::qWait(300);
        for (int i = 0; i < 10; ++i) {
            ann->sendJson({{"message"_L1, u"ann-%1"_s.arg(i)}});
            bob->sendJson({{"message"_L1, u"bob-%1"_s.arg(i)}});
        }
        QTRY_COMPARE_WITH_TIMEOUT(chatMessages(*bob).size(), 20, 10000);
        second->kill(); // SIGKILL: no goodbye to Redis, no close frames
        QTRY_VERIFY(bob->socket().state() == QAbstractSocket::UnconnectedState);
        for (int i = 10; i < 20; ++i)
            ann->sendJson({{"message"_L1, u"ann-%1"_s.arg(i)}});
        QTRY_COMPARE_WITH_TIMEOUT(chatMessages(*ann).size(), 30, 10000);

        // bob's client reconnects to the surviving daemon and recovers what it missed.
        const qint64 lastSeen = chatMessages(*bob).last().id;
        auto bobAgain = join(first, u"room"_s, u"bob"_s, u"&since=%1"_s.arg(lastSeen));
        QVERIFY(bobAgain);
        QTRY_COMPARE_WITH_TIMEOUT(chatMessages(*bobAgain).size(), 10, 10000);
        QCOMPARE(chatMessages(*bobAgain).first().id, lastSeen + 1);
        QCOMPARE(chatMessages(*bobAgain).last(), chatMessages(*ann).last());
        bobAgain->sendJson({{"message"_L1, u"bob-10"_s}});
        QTRY_COMPARE_WITH_TIMEOUT(chatMessages(*ann).size(), 31, 10000);
        QCOMPARE(chatMessages(*ann).last().id, lastSeen + 11);
    }
};

QTEST_GUILESS_MAIN(TestScaleOut)
#include "tst_scaleout.moc"
