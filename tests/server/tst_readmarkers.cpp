// SPDX-License-Identifier: MIT
// Read markers that follow the account, through a real kaiwa-server on a real SQLite file with kaiwa.v1 clients:
// the marker made at the first join and sent in the welcome, a read on one connection reaching the account's
// other connections (in any room), forward only and clamped, the unread and mention counts of GET /api/rooms,
// anonymous refusal, markers kept across a restart; and the room directory's "online" and most-active-first order.
// Then the same across two daemons on one PostgreSQL database and one Redis, all started here on free ports.
#include "util/fixturepolicy.h"
#include "util/httpexchange.h"
#include "util/postgresprocess.h"
#include "util/redisserverprocess.h"
#include "util/servercommand.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

const QByteArray s_password = "correct horse 1";

/// Posts a message and waits for its ack: its id (0 when refused).
qint64 post(WsClient &client, const QString &text)
{
    static int next = 0;
    const QString clientId = u"c%1"_s.arg(++next);
    const qsizetype from = client.frames().size();
    client.sendJson({{"message"_L1, text}, {"client_id"_L1, clientId}});
    return client
        .waitForFrame(u"ack"_s, from,
                      [&](const QJsonObject &ack) { return ack.value("client_id"_L1).toString() == clientId; })
        .value("id"_L1)
        .toInteger();
}

/// What a client sends when it has read its room up to `id`.
QJsonObject read(qint64 id)
{
    return {{"type"_L1, "read"_L1}, {"id"_L1, id}};
}

/// GET /api/rooms, as `token`'s account (anonymous without one), by room name.
QHash<QString, QJsonObject> apiRooms(quint16 port, const QByteArray &token = {})
{
    const HttpExchange response = HttpExchange::run(
        port, "GET", "/api/rooms", token.isEmpty() ? QByteArray() : "Authorization: Bearer " + token + "\r\n");
    QHash<QString, QJsonObject> rooms;
    for (const QJsonValue &room : QJsonDocument::fromJson(response.body).array())
        rooms.insert(room.toObject().value("room"_L1).toString(), room.toObject());
    return rooms;
}

/// The ids of the read events `client` got for `room`.
QList<qint64> readIds(const WsClient &client, const QString &room)
{
    QList<qint64> ids;
    for (const QJsonObject &frame : client.framesOfType(u"read"_s)) {
        if (frame.value("room"_L1).toString() == room)
            ids.append(frame.value("id"_L1).toInteger());
    }
    return ids;
}

} // namespace

class TestReadMarkers : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void markersFollowTheAccount()
    {
        const QString database = m_dir.filePath(u"markers.sqlite"_s);
        auto server = ServerProcess::withAccount(database, u"alice"_s, s_password, {u"--rate-limit"_s, u"0"_s});
        QVERIFY(server);
        QVERIFY(ServerCommand::addUser(database, u"bob"_s, s_password));
        QVERIFY(server->start());
        const quint16 port = server->port();
        const QByteArray laptopToken = HttpExchange::signIn(port, "alice", s_password);
        const QByteArray phoneToken = HttpExchange::signIn(port, "alice", s_password);
        const QByteArray bobToken = HttpExchange::signIn(port, "bob", s_password);
        QVERIFY(!laptopToken.isEmpty() && !phoneToken.isEmpty() && !bobToken.isEmpty());

        WsClient bob(true);
        QVERIFY(bob.open(server->wsUrl(u"lobby"_s, tokenQuery(bobToken))));
        QCOMPARE(bob.waitForFrame(u"welcome"_s).value("read_id"_L1).toInteger(-1), 0);
        QCOMPARE(post(bob, u"before alice came"_s), 1);
        QCOMPARE(post(bob, u"still before"_s), 2);

        // Her first join: what she sees on joining counts as read.
        WsClient laptop(true);
        QVERIFY(laptop.open(server->wsUrl(u"lobby"_s, tokenQuery(laptopToken))));
        const QJsonObject welcome = laptop.waitForFrame(u"welcome"_s);
        QCOMPARE(welcome.value("last_id"_L1).toInteger(), 2);
        QCOMPARE(welcome.value("read_id"_L1).toInteger(-1), 2);
        // Her phone is in another room: the account's news reach it there.
        WsClient phone(true);
        QVERIFY(phone.open(server->wsUrl(u"random"_s, tokenQuery(phoneToken))));
        QCOMPARE(phone.waitForFrame(u"welcome"_s).value("read_id"_L1).toInteger(-1), 0);

        const qint64 plain = post(bob, u"plain"_s);
        const qint64 mention = post(bob, u"look @ＡＬＩＣＥ"_s);
        const qint64 deleted = post(bob, u"@alice soon gone"_s);
        QVERIFY(plain > 0 && mention > 0 && deleted > 0);
        const qsizetype beforeDelete = bob.frames().size();
        bob.sendJson({{"type"_L1, "delete"_L1}, {"id"_L1, deleted}, {"client_id"_L1, u"d1"_s}});
        QVERIFY(!bob.waitForFrame(u"ack"_s, beforeDelete).isEmpty());
        const qsizetype beforeReaction = bob.frames().size();
        bob.sendJson({{"type"_L1, "react"_L1}, {"id"_L1, plain}, {"emoji"_L1, u"👍"_s}, {"client_id"_L1, u"r1"_s}});
        QVERIFY(!bob.waitForFrame(u"ack"_s, beforeReaction).isEmpty());
        QVERIFY(post(laptop, u"my own, @alice"_s) > 0);
        const qint64 last = post(bob, u"last one"_s);
        QVERIFY(last > 0);

        // Unread: messages of others after her marker, not deleted, not events: plain, mention, last.
        auto rooms = apiRooms(port, laptopToken);
        QCOMPARE(rooms.value(u"lobby"_s).value("read_id"_L1).toInteger(-1), 2);
        QCOMPARE(rooms.value(u"lobby"_s).value("unread"_L1).toInteger(-1), 3);
        QCOMPARE(rooms.value(u"lobby"_s).value("mentions"_L1).toInteger(-1), 1);
        QCOMPARE(rooms.value(u"random"_s).value("read_id"_L1).toInteger(-1), 0);
        QCOMPARE(rooms.value(u"random"_s).value("unread"_L1).toInteger(-1), 0);
        QCOMPARE(apiRooms(port, bobToken).value(u"random"_s).contains("read_id"_L1), false); // bob never joined it
        // The account's group is no room: the daemon has members in two rooms.
        QVERIFY(HttpExchange::run(port, "GET", "/metrics").body.contains("\nkaiwa_rooms 2\n"));
        const auto anonymous = apiRooms(port);
        QCOMPARE(anonymous.value(u"lobby"_s).contains("read_id"_L1), false);
        QCOMPARE(anonymous.value(u"lobby"_s).contains("unread"_L1), false);
        QCOMPARE(anonymous.value(u"lobby"_s).value("online"_L1).toInteger(), 2);

        // Read on the laptop: every connection of the account hears of it, the laptop too; bob does not.
        laptop.sendJson(read(mention));
        QCOMPARE(phone.waitForFrame(u"read"_s).value("id"_L1).toInteger(), mention);
        QCOMPARE(phone.waitForFrame(u"read"_s).value("room"_L1).toString(), u"lobby"_s);
        QCOMPARE(laptop.waitForFrame(u"read"_s).value("id"_L1).toInteger(), mention);
        rooms = apiRooms(port, phoneToken);
        QCOMPARE(rooms.value(u"lobby"_s).value("read_id"_L1).toInteger(-1), mention);
        QCOMPARE(rooms.value(u"lobby"_s).value("unread"_L1).toInteger(-1), 1);
        QCOMPARE(rooms.value(u"lobby"_s).value("mentions"_L1).toInteger(-1), 0);

        // Backwards changes nothing and says nothing; beyond the last id is the last id.
        laptop.sendJson(read(plain));
        laptop.sendJson(read(1000000));
        QVERIFY(!phone
                     .waitForFrame(u"read"_s, 0,
                                   [&](const QJsonObject &event) { return event.value("id"_L1).toInteger() == last; })
                     .isEmpty());
        QCOMPARE(readIds(phone, u"lobby"_s), (QList<qint64>{mention, last}));
        QCOMPARE(readIds(laptop, u"lobby"_s), (QList<qint64>{mention, last}));
        QCOMPARE(apiRooms(port, laptopToken).value(u"lobby"_s).value("unread"_L1).toInteger(-1), 0);
        QVERIFY(bob.framesOfType(u"read"_s).isEmpty());

        // Bad ids are refused, the connection stays.
        for (const QJsonObject &bad :
             {QJsonObject{{"type"_L1, "read"_L1}}, read(0), QJsonObject{{"type"_L1, "read"_L1}, {"id"_L1, u"7"_s}}}) {
            const qsizetype from = laptop.frames().size();
            laptop.sendJson(bad);
            QCOMPARE(laptop.waitForFrame(u"error"_s, from).value("code"_L1).toString(), u"invalid_field"_s);
        }

        // A restart keeps the markers.
        QCOMPARE(server->stop(), 0);
        QVERIFY(server->start());
        WsClient again(true);
        QVERIFY(again.open(
            server->wsUrl(u"lobby"_s, tokenQuery(HttpExchange::signIn(server->port(), "alice", s_password)))));
        QCOMPARE(again.waitForFrame(u"welcome"_s).value("read_id"_L1).toInteger(-1), last);
    }

    void anonymousConnectionsKeepNoMarkers()
    {
        ServerProcess server({u"--database"_s, m_dir.filePath(u"anonymous.sqlite"_s)});
        QVERIFY(server.start());
        WsClient guest(true);
        QVERIFY(guest.open(server.wsUrl(u"lobby"_s, u"name=alice"_s)));
        QVERIFY(!guest.waitForFrame(u"welcome"_s).contains("read_id"_L1));
        QVERIFY(post(guest, u"hello"_s) > 0);
        guest.sendJson(read(1));
        const QJsonObject refused = guest.waitForFrame(u"error"_s);
        QCOMPARE(refused.value("code"_L1).toString(), u"sign_in_required"_s);
        QVERIFY(!refused.value("detail"_L1).toString().isEmpty());
        QVERIFY(guest.socket().isValid());
        QVERIFY(post(guest, u"still here"_s) > 0);
        QVERIFY(guest.framesOfType(u"read"_s).isEmpty());
        // A tutorial-only client knows no read markers: the server says so in a frame it can print.
        WsClient tutorial;
        QVERIFY(tutorial.open(server.wsUrl(u"lobby"_s, u"name=page"_s)));
        tutorial.sendJson(read(1));
        const QJsonObject unknown = tutorial.waitForFrame(u"error"_s);
        QCOMPARE(unknown.value("code"_L1).toString(), u"unknown_type"_s);
        QVERIFY(unknown.contains("message"_L1));
    }

    void directoryIsMostActiveFirst()
    {
        ServerProcess server({u"--database"_s, m_dir.filePath(u"directory.sqlite"_s)});
        QVERIFY(server.start());
        // Each room's last activity is later than the one before (stored times are milliseconds).
        const auto waitForNextMillisecond = [] {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            QVERIFY(QTest::qWaitFor([now] { return QDateTime::currentMSecsSinceEpoch() > now + 2; }));
        };
        // Written in, one after the other; then left.
        for (const QString &room : {u"busy"_s, u"old"_s, u"雑談"_s, u"new"_s}) {
            WsClient writer(true);
            QVERIFY(writer.open(server.wsUrl(room, u"name=writer"_s)));
            QVERIFY(post(writer, u"hello "_s + room) > 0);
            waitForNextMillisecond();
        }
        // People in rooms now: two in busy (written in first), one in a room nothing was written in.
        WsClient first(true);
        QVERIFY(first.open(server.wsUrl(u"busy"_s, u"name=first"_s)));
        WsClient second(true);
        QVERIFY(second.open(server.wsUrl(u"busy"_s, u"name=second"_s)));
        WsClient lone(true);
        QVERIFY(lone.open(server.wsUrl(u"zzz"_s, u"name=lone"_s)));
        QVERIFY(!lone.waitForFrame(u"presence"_s).isEmpty());
        QVERIFY(!second.waitForFrame(u"presence"_s).isEmpty());

        const HttpExchange response = HttpExchange::run(server.port(), "GET", "/api/rooms");
        QCOMPARE(response.status, 200);
        QStringList order;
        QList<qint64> online;
        for (const QJsonValue &room : QJsonDocument::fromJson(response.body).array()) {
            order.append(room.toObject().value("room"_L1).toString());
            online.append(room.toObject().value("online"_L1).toInteger(-1));
        }
        // Most people online first, then the latest activity, then the name.
        QCOMPARE(order, (QStringList{u"busy"_s, u"zzz"_s, u"new"_s, u"雑談"_s, u"old"_s}));
        QCOMPARE(online, (QList<qint64>{2, 1, 0, 0, 0}));
    }

    void twoDaemonsShareMarkers()
    {
        RedisServerProcess redis;
        PostgresProcess postgres;
        KAIWA_REQUIRE_FIXTURE(redis.start() && postgres.start(), u"redis-server and PostgreSQL"_s);
        QVERIFY(postgres.createDatabase(u"markers"_s));
        const QString database = postgres.url(u"markers"_s);
        QVERIFY(ServerCommand::addUser(database, u"alice"_s, s_password));
        const QStringList shared{u"--database"_s, database, u"--redis"_s, redis.url(), u"--rate-limit"_s, u"0"_s};
        ServerProcess a(shared);
        ServerProcess b(shared);
        QVERIFY(a.start() && b.start());
        QVERIFY(a.waitUntilHealthy() && b.waitUntilHealthy());

        WsClient bob(true);
        QVERIFY(bob.open(a.wsUrl(u"lobby"_s, u"name=bob"_s)));
        QVERIFY(post(bob, u"one"_s) > 0);
        QCOMPARE(post(bob, u"two"_s), 2);
        WsClient laptop(true);
        QVERIFY(laptop.open(a.wsUrl(u"lobby"_s, tokenQuery(HttpExchange::signIn(a.port(), "alice", s_password)))));
        QCOMPARE(laptop.waitForFrame(u"welcome"_s).value("read_id"_L1).toInteger(-1), 2);
        // The phone is on the other daemon, in another room; its presence list comes once its subscriptions are up.
        const QByteArray phoneToken = HttpExchange::signIn(b.port(), "alice", s_password);
        WsClient phone(true);
        QVERIFY(phone.open(b.wsUrl(u"random"_s, tokenQuery(phoneToken))));
        QVERIFY(!phone.waitForFrame(u"presence"_s).isEmpty());

        const qint64 mention = post(bob, u"@alice are you there?"_s);
        QVERIFY(post(bob, u"plain"_s) > mention);
        // Daemon B counts from the shared database, and who is online on A.
        auto rooms = apiRooms(b.port(), phoneToken);
        QCOMPARE(rooms.value(u"lobby"_s).value("read_id"_L1).toInteger(-1), 2);
        QCOMPARE(rooms.value(u"lobby"_s).value("unread"_L1).toInteger(-1), 2);
        QCOMPARE(rooms.value(u"lobby"_s).value("mentions"_L1).toInteger(-1), 1);
        QCOMPARE(rooms.value(u"lobby"_s).value("online"_L1).toInteger(-1), 2);
        QCOMPARE(rooms.value(u"lobby"_s).value("members"_L1).toInteger(-1), 0);

        // Read on A: the phone on B hears of it.
        laptop.sendJson(read(mention));
        const QJsonObject event = phone.waitForFrame(u"read"_s);
        QCOMPARE(event.value("room"_L1).toString(), u"lobby"_s);
        QCOMPARE(event.value("id"_L1).toInteger(), mention);
        QCOMPARE(laptop.waitForFrame(u"read"_s).value("id"_L1).toInteger(), mention);
        rooms = apiRooms(b.port(), phoneToken);
        QCOMPARE(rooms.value(u"lobby"_s).value("unread"_L1).toInteger(-1), 1);
        QCOMPARE(rooms.value(u"lobby"_s).value("mentions"_L1).toInteger(-1), 0);
        WsClient tablet(true);
        QVERIFY(tablet.open(b.wsUrl(u"lobby"_s, tokenQuery(phoneToken))));
        QCOMPARE(tablet.waitForFrame(u"welcome"_s).value("read_id"_L1).toInteger(-1), mention);

        // Who leaves A is no longer online for B.
        QCOMPARE(tablet.waitForFrame(u"presence"_s).value("count"_L1).toInteger(-1), 3);
        QCOMPARE(apiRooms(b.port()).value(u"lobby"_s).value("online"_L1).toInteger(-1), 3);
        bob.socket().close();
        QVERIFY(bob.waitForClose());
        QTRY_COMPARE_WITH_TIMEOUT(apiRooms(b.port()).value(u"lobby"_s).value("online"_L1).toInteger(-1), 2, 10000);
    }
};

QTEST_MAIN(TestReadMarkers)
#include "tst_readmarkers.moc"
