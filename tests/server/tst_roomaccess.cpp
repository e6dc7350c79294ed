// SPDX-License-Identifier: MIT
// Rooms with owners, through a real kaiwa-server on a real SQLite file with kaiwa.v1 clients (docs/protocol.md,
// "Rooms with owners"): the first signed-in join of a new room makes its owner; the topic, grant and revoke, and
// their refusals (forbidden, sign_in_required, last_owner, unknown_user, invalid_field); roles and topic kept across
// a restart; a private room and a direct message invisible to a third account and to anonymous visitors through
// every door (page, upgrade, history API, room API, search, directory), and an outsider closed with 4012 when the
// room turns private. Then two daemons on one PostgreSQL database and one Redis: a topic set on B reaches A, and the
// operator's CLI changes (written to the store, not through any daemon) reach a running daemon within its poll.
#include "util/fixturepolicy.h"
#include "util/httpexchange.h"
#include "util/postgresprocess.h"
#include "util/redisserverprocess.h"
#include "util/servercommand.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include "common/roomname.h"
#include "server/storage/messagestoreregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

const QByteArray s_password = "correct horse 1";
constexpr int s_roomUnavailable = 4012;

QByteArray bearer(const QByteArray &token)
{
    return token.isEmpty() ? QByteArray() : "Authorization: Bearer " + token + "\r\n";
}

/// Sends a request with a client id; the `error` code it got back, or "ok" when the ack came.
QString request(WsClient &client, const QJsonObject &object)
{
    const QJsonObject answer = client.request(object);
    const QString type = answer.value("type"_L1).toString();
    return type == "error"_L1 ? answer.value("code"_L1).toString() : type == "ack"_L1 ? u"ok"_s : type;
}

QJsonObject setTopic(const QString &topic)
{
    return {{"type"_L1, "room.set"_L1}, {"topic"_L1, topic}};
}

QJsonObject grant(const QString &user, const QString &role)
{
    return {{"type"_L1, "grant"_L1}, {"user"_L1, user}, {"role"_L1, role}};
}

QJsonObject revoke(const QString &user)
{
    return {{"type"_L1, "revoke"_L1}, {"user"_L1, user}};
}

/// The raw upgrade request of a WebSocket client, to see the status before any 101.
int upgradeStatus(quint16 port, const QByteArray &target, const QByteArray &token = {})
{
    return HttpExchange::run(port, "GET", target,
                             "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                 + bearer(token))
        .status;
}

HttpExchange get(quint16 port, const QByteArray &target, const QByteArray &token = {})
{
    return HttpExchange::run(port, "GET", target, bearer(token));
}

QJsonObject getJson(quint16 port, const QByteArray &target, const QByteArray &token = {})
{
    return QJsonDocument::fromJson(get(port, target, token).body).object();
}

/// GET /api/rooms, as `token`'s account (anonymous without one), by room name.
QHash<QString, QJsonObject> apiRooms(quint16 port, const QByteArray &token = {})
{
    QHash<QString, QJsonObject> rooms;
    for (const QJsonValue &room : QJsonDocument::fromJson(get(port, "/api/rooms", token).body).array())
        rooms.insert(room.toObject().value("room"_L1).toString(), room.toObject());
    return rooms;
}

/// The rooms of the search results for `text`, as `token`'s account.
QStringList searchRooms(quint16 port, const QByteArray &query, const QByteArray &token = {})
{
    QStringList rooms;
    const QJsonObject answer = getJson(port, "/api/search?" + query, token);
    for (const QJsonValue &result : answer.value("results"_L1).toArray())
        rooms.append(result.toObject().value("room"_L1).toString());
    return rooms;
}

/// The roles of GET /api/rooms/<room>, "account=role" each.
QStringList apiRoles(const QJsonObject &room)
{
    QStringList roles;
    for (const QJsonValue &entry : room.value("roles"_L1).toArray())
        roles.append(entry.toObject().value("account"_L1).toString() + u'='
                     + entry.toObject().value("role"_L1).toString());
    return roles;
}

int closeCodeOf(WsClient &client)
{
    if (!client.waitForClose())
        return -1;
    return int(client.socket().closeCode());
}

} // namespace

class TestRoomAccess : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    /// A daemon on a new SQLite file with the accounts alice, bob and carol.
    std::unique_ptr<ServerProcess> startServer(const QString &file)
    {
        const QString database = m_dir.filePath(file);
        auto server = ServerProcess::withAccount(database, u"alice"_s, s_password, {u"--rate-limit"_s, u"0"_s});
        if (!server || !ServerCommand::addUser(database, u"bob"_s, s_password)
            || !ServerCommand::addUser(database, u"carol"_s, s_password) || !server->start())
            return nullptr;
        return server;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void ownersTopicAndRoles()
    {
        auto server = startServer(u"owners.sqlite"_s);
        QVERIFY(server);
        const quint16 port = server->port();
        const QByteArray aliceToken = HttpExchange::signIn(port, "alice", s_password);
        const QByteArray bobToken = HttpExchange::signIn(port, "bob", s_password);
        QVERIFY(!aliceToken.isEmpty() && !bobToken.isEmpty());

        // The first signed-in join of a room nobody used makes its owner; the welcome says so.
        WsClient alice(true);
        QVERIFY(alice.open(server->wsUrl(u"club"_s, tokenQuery(aliceToken))));
        QJsonObject welcome = alice.waitForFrame(u"welcome"_s);
        QCOMPARE(welcome.value("role"_L1).toString(), u"owner"_s);
        QCOMPARE(welcome.value("topic"_L1).toString(u"absent"_s), QString());
        QCOMPARE(welcome.value("private"_L1).toBool(true), false);
        QVERIFY(!welcome.contains("direct"_L1));
        WsClient bob(true);
        QVERIFY(bob.open(server->wsUrl(u"club"_s, tokenQuery(bobToken))));
        welcome = bob.waitForFrame(u"welcome"_s);
        QVERIFY(welcome.value("role"_L1).isNull());
        WsClient anonymous(true);
        QVERIFY(anonymous.open(server->wsUrl(u"club"_s, u"name=guest"_s)));
        QVERIFY(anonymous.waitForFrame(u"welcome"_s).value("role"_L1).isNull());

        // Only an owner changes the room; anonymous connections must sign in.
        QCOMPARE(request(bob, setTopic(u"mine now"_s)), u"forbidden"_s);
        QCOMPARE(request(bob, grant(u"bob"_s, u"owner"_s)), u"forbidden"_s);
        QCOMPARE(request(anonymous, setTopic(u"mine now"_s)), u"sign_in_required"_s);
        QCOMPARE(request(anonymous, revoke(u"alice"_s)), u"sign_in_required"_s);
        QCOMPARE(request(alice, setTopic(u"bell"_s + QChar(7))), u"invalid_field"_s);
        QCOMPARE(request(alice, setTopic(QString(301, u'x'))), u"invalid_field"_s);

        // The topic reaches everyone in the room.
        qsizetype from = bob.frames().size();
        QCOMPARE(request(alice, setTopic(u"Board games on Fridays"_s)), u"ok"_s);
        QJsonObject settings = bob.waitForFrame(u"room.settings"_s, from);
        QCOMPARE(settings.value("topic"_L1).toString(), u"Board games on Fridays"_s);
        QCOMPARE(settings.value("room"_L1).toString(), u"club"_s);
        QCOMPARE(settings.value("by"_L1).toString(), u"alice"_s);
        QCOMPARE(settings.value("private"_L1).toBool(true), false);
        QCOMPARE(anonymous.waitForFrame(u"room.settings"_s).value("topic"_L1).toString(), u"Board games on Fridays"_s);

        // Grant and revoke, told to the room.
        from = bob.frames().size();
        QCOMPARE(request(alice, grant(u"bob"_s, u"moderator"_s)), u"ok"_s);
        QJsonObject role = bob.waitForFrame(u"room.role"_s, from);
        QCOMPARE(role.value("user"_L1).toString(), u"bob"_s);
        QCOMPARE(role.value("role"_L1).toString(), u"moderator"_s);
        QCOMPARE(role.value("by"_L1).toString(), u"alice"_s);
        QCOMPARE(request(bob, setTopic(u"moderators may not"_s)), u"forbidden"_s);
        QCOMPARE(request(alice, grant(u"nobody"_s, u"member"_s)), u"unknown_user"_s);
        QCOMPARE(request(alice, revoke(u"carol"_s)), u"unknown_user"_s);
        QCOMPARE(request(alice, grant(u"carol"_s, u"king"_s)), u"invalid_field"_s);
        // The last owner stays.
        QCOMPARE(request(alice, revoke(u"alice"_s)), u"last_owner"_s);
        QCOMPARE(request(alice, grant(u"alice"_s, u"member"_s)), u"last_owner"_s);
        QCOMPARE(request(alice, grant(u"bob"_s, u"owner"_s)), u"ok"_s);
        from = alice.frames().size();
        QCOMPARE(request(bob, revoke(u"alice"_s)), u"ok"_s);
        role = alice.waitForFrame(u"room.role"_s, from);
        QCOMPARE(role.value("user"_L1).toString(), u"alice"_s);
        QVERIFY(role.value("role"_L1).isNull());
        QCOMPARE(request(bob, grant(u"alice"_s, u"owner"_s)), u"ok"_s);
        QCOMPARE(request(alice, grant(u"carol"_s, u"member"_s)), u"ok"_s);

        // GET /api/rooms/<room>: roles, and the asker's role; the directory shows topic and role.
        QJsonObject details = getJson(port, "/api/rooms/club", aliceToken);
        QCOMPARE(details.value("topic"_L1).toString(), u"Board games on Fridays"_s);
        QCOMPARE(details.value("role"_L1).toString(), u"owner"_s);
        QVERIFY(details.value("direct"_L1).isNull());
        QCOMPARE(apiRoles(details), (QStringList{u"alice=owner"_s, u"bob=owner"_s, u"carol=member"_s}));
        QVERIFY(details.value("restrictions"_L1).isArray()); // owners see the bans and mutes
        details = getJson(port, "/api/rooms/club");
        QVERIFY(details.value("role"_L1).isNull());
        QVERIFY(!details.contains("restrictions"_L1));
        QCOMPARE(apiRooms(port, bobToken).value(u"club"_s).value("role"_L1).toString(), u"owner"_s);
        QCOMPARE(apiRooms(port).value(u"club"_s).value("topic"_L1).toString(), u"Board games on Fridays"_s);
        // A room that had messages before anyone joined it signed in stays without owner.
        WsClient early(true);
        QVERIFY(early.open(server->wsUrl(u"old"_s, u"name=early"_s)));
        early.sendJson({{"message"_L1, u"first"_s}});
        QTRY_COMPARE_WITH_TIMEOUT(apiRooms(port).value(u"old"_s).value("messages"_L1).toInt(), 1, 10000);
        WsClient late(true);
        QVERIFY(late.open(server->wsUrl(u"old"_s, tokenQuery(bobToken))));
        QVERIFY(late.waitForFrame(u"welcome"_s).value("role"_L1).isNull());

        // A restart keeps roles and topic.
        alice.socket().close();
        bob.socket().close();
        QCOMPARE(server->stop(), 0);
        // Every change is in the room's audit log, newest first, with who made it.
        {
            const auto store = Kaiwa::Server::createMessageStore(m_dir.filePath(u"owners.sqlite"_s));
            QVERIFY(store && store->open());
            const auto policies = store->createRoomPolicyStore();
            const auto log = policies->auditLog(u"club"_s, 0, 50);
            QVERIFY(log);
            QStringList entries;
            for (const auto &entry : *log)
                entries.prepend(entry.actor + u' ' + entry.action + u' ' + entry.target + u' ' + entry.detail);
            QCOMPARE(entries, (QStringList{u"alice topic  Board games on Fridays"_s, u"alice grant bob moderator"_s,
                                           u"alice grant bob owner"_s, u"bob revoke alice owner"_s,
                                           u"bob grant alice owner"_s, u"alice grant carol member"_s}));
        }
        QVERIFY(server->start(port));
        WsClient again(true);
        QVERIFY(again.open(server->wsUrl(u"club"_s, tokenQuery(aliceToken))));
        welcome = again.waitForFrame(u"welcome"_s);
        QCOMPARE(welcome.value("role"_L1).toString(), u"owner"_s);
        QCOMPARE(welcome.value("topic"_L1).toString(), u"Board games on Fridays"_s);
        QCOMPARE(apiRoles(getJson(port, "/api/rooms/club", aliceToken)),
                 (QStringList{u"alice=owner"_s, u"bob=owner"_s, u"carol=member"_s}));
    }

    void privateRoomsAndDirectMessages()
    {
        auto server = startServer(u"private.sqlite"_s);
        QVERIFY(server);
        const quint16 port = server->port();
        const QByteArray aliceToken = HttpExchange::signIn(port, "alice", s_password);
        const QByteArray bobToken = HttpExchange::signIn(port, "bob", s_password);
        const QByteArray carolToken = HttpExchange::signIn(port, "carol", s_password);
        QVERIFY(!aliceToken.isEmpty() && !bobToken.isEmpty() && !carolToken.isEmpty());

        WsClient alice(true);
        QVERIFY(alice.open(server->wsUrl(u"secret"_s, tokenQuery(aliceToken))));
        QCOMPARE(alice.waitForFrame(u"welcome"_s).value("role"_L1).toString(), u"owner"_s);
        alice.sendJson({{"message"_L1, u"the plan is zebra"_s}});
        QTRY_COMPARE_WITH_TIMEOUT(searchRooms(port, "q=zebra", carolToken), QStringList{u"secret"_s}, 10000);
        // Carol and an anonymous visitor are in while the room is public; making it private closes them with 4012.
        WsClient carol(true);
        QVERIFY(carol.open(server->wsUrl(u"secret"_s, tokenQuery(carolToken))));
        QVERIFY(!carol.waitForFrame(u"welcome"_s).isEmpty());
        WsClient anonymous(true);
        QVERIFY(anonymous.open(server->wsUrl(u"secret"_s, u"name=guest"_s)));
        QVERIFY(!anonymous.waitForFrame(u"welcome"_s).isEmpty());
        QCOMPARE(request(alice, grant(u"bob"_s, u"member"_s)), u"ok"_s);
        QCOMPARE(request(alice, QJsonObject{{"type"_L1, "room.set"_L1}, {"private"_L1, true}}), u"ok"_s);
        QCOMPARE(closeCodeOf(carol), s_roomUnavailable);
        QCOMPARE(closeCodeOf(anonymous), s_roomUnavailable);
        QCOMPARE(alice.waitForFrame(u"room.settings"_s).value("private"_L1).toBool(), true);

        // Every door answers a third account and an anonymous visitor as for a room that does not exist.
        for (const QByteArray &token : {carolToken, QByteArray()}) {
            QCOMPARE(get(port, "/chat/secret/", token).status, 404);
            QCOMPARE(upgradeStatus(port, "/ws/chat/secret/", token), 404);
            QCOMPARE(get(port, "/api/rooms/secret/messages", token).status, 404);
            QCOMPARE(get(port, "/api/rooms/secret", token).status, 404);
            QCOMPARE(searchRooms(port, "q=zebra", token), QStringList());
            QCOMPARE(searchRooms(port, "q=zebra&room=secret", token), QStringList());
            QVERIFY(!apiRooms(port, token).contains(u"secret"_s));
        }
        // Its members see it everywhere.
        QCOMPARE(get(port, "/chat/secret/", bobToken).status, 200);
        QCOMPARE(get(port, "/api/rooms/secret/messages", bobToken).status, 200);
        QCOMPARE(searchRooms(port, "q=zebra", bobToken), QStringList{u"secret"_s});
        const QJsonObject listed = apiRooms(port, bobToken).value(u"secret"_s);
        QCOMPARE(listed.value("private"_L1).toBool(), true);
        QCOMPARE(listed.value("role"_L1).toString(), u"member"_s);
        WsClient bob(true);
        QVERIFY(bob.open(server->wsUrl(u"secret"_s, tokenQuery(bobToken))));
        QJsonObject welcome = bob.waitForFrame(u"welcome"_s);
        QCOMPARE(welcome.value("private"_L1).toBool(), true);
        QCOMPARE(welcome.value("role"_L1).toString(), u"member"_s);
        // A member whose role is taken away is closed with 4012, and then is an outsider.
        QCOMPARE(request(alice, revoke(u"bob"_s)), u"ok"_s);
        QCOMPARE(closeCodeOf(bob), s_roomUnavailable);
        QCOMPARE(get(port, "/api/rooms/secret", bobToken).status, 404);

        // A direct message: the first open makes the room of the two accounts, private.
        WsClient toBob(true);
        QVERIFY(toBob.open(QUrl(u"ws://127.0.0.1:%1/ws/dm/bob/?%2"_s.arg(port).arg(tokenQuery(aliceToken)))));
        welcome = toBob.waitForFrame(u"welcome"_s);
        const QString direct = welcome.value("room"_L1).toString();
        QCOMPARE(direct, Kaiwa::RoomName::directName(u"alice"_s, u"bob"_s));
        QVERIFY(Kaiwa::RoomName::isDirect(direct));
        QCOMPARE(welcome.value("direct"_L1).toString(), u"bob"_s);
        QCOMPARE(welcome.value("private"_L1).toBool(), true);
        QCOMPARE(welcome.value("role"_L1).toString(), u"member"_s);
        QCOMPARE(request(toBob, setTopic(u"ours"_s)), u"forbidden"_s);
        QCOMPARE(request(toBob, grant(u"carol"_s, u"member"_s)), u"forbidden"_s);
        toBob.sendJson({{"message"_L1, u"zebra between us"_s}});
        QTRY_COMPARE_WITH_TIMEOUT(searchRooms(port, "q=between", bobToken), QStringList{direct}, 10000);
        // Before bob first opens it, his directory lists it with alice's message unread.
        const QJsonObject unopened = apiRooms(port, bobToken).value(direct);
        QCOMPARE(unopened.value("direct"_L1).toString(), u"alice"_s);
        QCOMPARE(unopened.value("unread"_L1).toInt(), 1);
        // Bob has it from his side: page, socket by his name or by the room's, the directory with its unread.
        QCOMPARE(get(port, "/dm/alice/", bobToken).status, 200);
        WsClient fromAlice(true);
        QVERIFY(fromAlice.open(QUrl(u"ws://127.0.0.1:%1/ws/dm/alice/?%2"_s.arg(port).arg(tokenQuery(bobToken)))));
        welcome = fromAlice.waitForFrame(u"welcome"_s);
        QCOMPARE(welcome.value("room"_L1).toString(), direct);
        QCOMPARE(welcome.value("direct"_L1).toString(), u"alice"_s);
        QCOMPARE(upgradeStatus(port, "/ws/chat/" + direct.toLatin1() + '/', bobToken), 101);
        const QJsonObject bobsEntry = apiRooms(port, bobToken).value(direct);
        QCOMPARE(bobsEntry.value("direct"_L1).toString(), u"alice"_s);
        QCOMPARE(apiRooms(port, aliceToken).value(direct).value("direct"_L1).toString(), u"bob"_s);
        QCOMPARE(getJson(port, "/api/rooms/" + direct.toLatin1(), aliceToken).value("direct"_L1).toString(), u"bob"_s);
        // Nobody else finds it.
        for (const QByteArray &token : {carolToken, QByteArray()}) {
            QCOMPARE(upgradeStatus(port, "/ws/chat/" + direct.toLatin1() + '/', token), 404);
            QCOMPARE(get(port, "/api/rooms/" + direct.toLatin1() + "/messages", token).status, 404);
            QCOMPARE(get(port, "/api/rooms/" + direct.toLatin1(), token).status, 404);
            QCOMPARE(searchRooms(port, "q=between", token), QStringList());
            QVERIFY(!apiRooms(port, token).contains(direct));
        }
        QCOMPARE(get(port, "/chat/" + direct.toLatin1() + '/', aliceToken).status, 404); // no public room's name
        // Anonymous visitors sign in first; unknown accounts and oneself have no direct message.
        const HttpExchange anonymousPage = get(port, "/dm/bob/");
        QCOMPARE(anonymousPage.status, 302);
        QCOMPARE(anonymousPage.header("location"), "/login?next=/dm/bob/"_ba);
        QCOMPARE(upgradeStatus(port, "/ws/dm/bob/"), 401);
        QCOMPARE(get(port, "/dm/nobody/", aliceToken).status, 404);
        QCOMPARE(get(port, "/dm/alice/", aliceToken).status, 404);
        QCOMPARE(upgradeStatus(port, "/ws/dm/nobody/", aliceToken), 404);
        QCOMPARE(upgradeStatus(port, "/ws/dm/alice/", aliceToken), 404);
        QCOMPARE(get(port, "/dm/bob", aliceToken).header("location"), "/dm/bob/"_ba);
    }

    void twoDaemonsAndTheOperator()
    {
        RedisServerProcess redis;
        PostgresProcess postgres;
        KAIWA_REQUIRE_FIXTURE(redis.start() && postgres.start(), u"redis-server and PostgreSQL"_s);
        QVERIFY(postgres.createDatabase(u"rooms"_s));
        const QString database = postgres.url(u"rooms"_s);
        for (const QString &name : {u"alice"_s, u"bob"_s, u"carol"_s})
            QVERIFY(ServerCommand::addUser(database, name, s_password));
        const QStringList shared{u"--database"_s, database, u"--redis"_s, redis.url(), u"--rate-limit"_s, u"0"_s};
        ServerProcess a(shared);
        ServerProcess b(shared);
        QVERIFY(a.start() && b.start());
        QVERIFY(a.waitUntilHealthy() && b.waitUntilHealthy());

        // Bob and Carol are on A; Alice makes the room on B and sets its topic there.
        WsClient bob(true);
        QVERIFY(bob.open(a.wsUrl(u"club"_s, tokenQuery(HttpExchange::signIn(a.port(), "bob", s_password)))));
        QVERIFY(!bob.waitForFrame(u"presence"_s).isEmpty());
        // Nothing stored and a signed-in join: Bob owns it. He makes Alice an owner too.
        QCOMPARE(bob.waitForFrame(u"welcome"_s).value("role"_L1).toString(), u"owner"_s);
        QCOMPARE(request(bob, grant(u"alice"_s, u"owner"_s)), u"ok"_s);
        WsClient carol(true);
        QVERIFY(carol.open(a.wsUrl(u"club"_s, tokenQuery(HttpExchange::signIn(a.port(), "carol", s_password)))));
        QVERIFY(!carol.waitForFrame(u"presence"_s).isEmpty());
        WsClient alice(true);
        QVERIFY(alice.open(b.wsUrl(u"club"_s, tokenQuery(HttpExchange::signIn(b.port(), "alice", s_password)))));
        QCOMPARE(alice.waitForFrame(u"welcome"_s).value("role"_L1).toString(), u"owner"_s);
        qsizetype from = bob.frames().size();
        QCOMPARE(request(alice, setTopic(u"set on B"_s)), u"ok"_s);
        const auto byAlice = [](const QJsonObject &frame) { return frame.value("by"_L1).toString() == "alice"_L1; };
        QCOMPARE(bob.waitForFrame(u"room.settings"_s, from, byAlice).value("topic"_L1).toString(), u"set on B"_s);

        // The operator's CLI writes the store; each daemon's poll finds it and tells its members.
        from = bob.frames().size();
        const qsizetype fromOnB = alice.frames().size();
        const QStringList cli{u"--database"_s, database, u"room"_s};
        QCOMPARE(
            ServerCommand::run(cli + QStringList{u"set"_s, u"club"_s, u"--topic"_s, u"from the operator"_s}).exitCode,
            0);
        const auto byOperator = [](const QJsonObject &frame) {
            return frame.value("by"_L1).toString() == "(operator)"_L1;
        };
        QJsonObject settings = bob.waitForFrame(u"room.settings"_s, from, byOperator);
        QCOMPARE(settings.value("topic"_L1).toString(), u"from the operator"_s);
        QCOMPARE(alice.waitForFrame(u"room.settings"_s, fromOnB, byOperator).value("topic"_L1).toString(),
                 u"from the operator"_s);
        QCOMPARE(ServerCommand::run(cli + QStringList{u"grant"_s, u"club"_s, u"carol"_s, u"moderator"_s}).exitCode, 0);
        const QJsonObject role = bob.waitForFrame(u"room.role"_s, from, byOperator);
        QCOMPARE(role.value("user"_L1).toString(), u"carol"_s);
        QCOMPARE(role.value("role"_L1).toString(), u"moderator"_s);
        QCOMPARE(ServerCommand::run(cli + QStringList{u"revoke"_s, u"club"_s, u"carol"_s}).exitCode, 0);
        // Made private by the operator: Carol, who has no role now, is closed on A; the owners stay.
        QCOMPARE(ServerCommand::run(cli + QStringList{u"set"_s, u"club"_s, u"--private"_s, u"yes"_s}).exitCode, 0);
        QCOMPARE(closeCodeOf(carol), s_roomUnavailable);
        const auto madePrivate = [](const QJsonObject &frame) { return frame.value("private"_L1).toBool(); };
        QVERIFY(!bob.waitForFrame(u"room.settings"_s, from, madePrivate).isEmpty());
        QVERIFY(!alice.waitForFrame(u"room.settings"_s, fromOnB, madePrivate).isEmpty());
        QCOMPARE(bob.socket().state(), QAbstractSocket::ConnectedState);
        QCOMPARE(upgradeStatus(b.port(), "/ws/chat/club/", HttpExchange::signIn(b.port(), "carol", s_password)), 404);
    }
};

QTEST_MAIN(TestRoomAccess)
#include "tst_roomaccess.moc"
