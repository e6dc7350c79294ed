// SPDX-License-Identifier: MIT
// Moderation (docs/protocol.md, "Rooms with owners", "Moderation") through real kaiwa-server daemons with kaiwa.v1
// clients: a moderator's delete of anyone's message, kick (4010, may come back), ban (4011, upgrade and page 403
// until unban or expiry), mute (`muted`, typing dropped), refusals (forbidden, sign_in_required, unknown_user), the
// ban of an anonymous member's address, bans kept across a restart, a ban on one daemon refusing and closing on
// another (SQLite file + Redis, PostgreSQL + Redis), and the audit API (401, 403, 404 for a private room's outsider).
// Roles are written through the store before a daemon starts, as an operator's grant would.
#include "server/storage/messagestoreregistry.h"
#include "server/storage/roompolicystore.h"
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

#include <functional>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;
using Kaiwa::Server::RoomPolicyStore;

namespace {

const QByteArray s_password = "correct horse 1";
const QStringList s_accounts{u"olga"_s, u"mo"_s, u"max"_s, u"bob"_s, u"carl"_s};

/// The error code of a request's answer; empty when it was acknowledged.
QString refusal(WsClient &client, const QJsonObject &object)
{
    return client.request(object).value("code"_L1).toString();
}

QJsonObject action(const QString &type, const QString &user, const QString &reason = {}, int minutes = 0)
{
    QJsonObject object{{"type"_L1, type}, {"user"_L1, user}};
    if (!reason.isEmpty())
        object.insert("reason"_L1, reason);
    if (minutes > 0)
        object.insert("minutes"_L1, minutes);
    return object;
}

/// Posts a message; its id (0 when refused).
qint64 post(WsClient &client, const QString &text)
{
    return client.request({{"message"_L1, text}}).value("id"_L1).toInteger();
}

/// The raw upgrade request of a WebSocket client, to see the status before any 101.
HttpExchange upgrade(quint16 port, const QString &room, const QByteArray &token = {})
{
    const QByteArray query = token.isEmpty() ? QByteArray() : "?token=" + token;
    return HttpExchange::run(port, "GET", "/ws/chat/" + room.toUtf8().toPercentEncoding() + "/" + query,
                             "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
}

HttpExchange get(quint16 port, const QByteArray &target, const QByteArray &token = {},
                 const QByteArray &language = "en")
{
    QByteArray headers = "Accept-Language: " + language + "\r\n";
    if (!token.isEmpty())
        headers += "Authorization: Bearer " + token + "\r\n";
    return HttpExchange::run(port, "GET", target, headers);
}

/// Opens a kaiwa.v1 connection to the room as `token`'s account (anonymous without one) and waits for its welcome.
std::unique_ptr<WsClient> join(const ServerProcess &server, const QString &room, const QByteArray &token = {})
{
    auto client = std::make_unique<WsClient>(true);
    const QString query = token.isEmpty() ? u"name=guest"_s : tokenQuery(token);
    if (!client->open(server.wsUrl(room, query)) || client->waitForFrame(u"welcome"_s).isEmpty())
        return nullptr;
    // The presence list comes after the welcome: once it is there the member is in the room on every daemon.
    if (client->waitForFrame(u"presence"_s).isEmpty())
        return nullptr;
    return client;
}

/// Opens the store of room policies on `database` (a file or a PostgreSQL URL), as a second daemon would.
struct PolicyStore {
    std::unique_ptr<Kaiwa::Server::MessageStore> messages;
    std::unique_ptr<RoomPolicyStore> policies;

    explicit PolicyStore(const QString &database)
        : messages(Kaiwa::Server::createMessageStore(database))
    {
        if (messages && messages->open())
            policies = messages->createRoomPolicyStore();
    }
};

/// Makes the accounts and gives olga the room's ownership and mo and max its moderation, as an operator would.
bool prepare(const QString &database, const QString &room)
{
    for (const QString &account : s_accounts) {
        if (!ServerCommand::addUser(database, account, s_password))
            return false;
    }
    PolicyStore store(database);
    return store.policies
           && store.policies->grant(room, u"olga"_s, RoomPolicyStore::Role::Owner) == RoomPolicyStore::Result::Ok
           && store.policies->grant(room, u"mo"_s, RoomPolicyStore::Role::Moderator) == RoomPolicyStore::Result::Ok
           && store.policies->grant(room, u"max"_s, RoomPolicyStore::Role::Moderator) == RoomPolicyStore::Result::Ok;
}

/// The actions of a room's audit log, newest first, as its owner reads them.
QStringList auditActions(quint16 port, const QString &room, const QByteArray &ownerToken)
{
    QStringList actions;
    const auto response = get(port, "/api/rooms/" + room.toUtf8() + "/audit", ownerToken);
    for (const QJsonValue &entry : QJsonDocument::fromJson(response.body).object().value("entries"_L1).toArray())
        actions.append(entry.toObject().value("action"_L1).toString());
    return actions;
}

} // namespace

class TestModeration : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_databases = 0;

    /// A daemon on a fresh SQLite file prepared for `room`; null when it could not be made or started.
    std::unique_ptr<ServerProcess> daemon(const QString &room, QString *database = nullptr)
    {
        const QString file = m_dir.filePath(u"moderation%1.sqlite"_s.arg(++m_databases));
        if (database)
            *database = file;
        if (!prepare(file, room))
            return nullptr;
        auto server = std::make_unique<ServerProcess>(QStringList{u"--database"_s, file, u"--rate-limit"_s, u"0"_s});
        return server->start() ? std::move(server) : nullptr;
    }

    static QByteArray signIn(const ServerProcess &server, const QString &account)
    {
        return HttpExchange::signIn(server.port(), account.toUtf8(), s_password);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void moderatorDeletesAnyMessage()
    {
        auto server = daemon(u"lobby"_s);
        QVERIFY(server);
        auto bob = join(*server, u"lobby"_s, signIn(*server, u"bob"_s));
        auto mo = join(*server, u"lobby"_s, signIn(*server, u"mo"_s));
        QVERIFY(bob && mo);
        const qint64 bobs = post(*bob, u"spam spam"_s);
        const qint64 mos = post(*mo, u"house rules"_s);
        QVERIFY(bobs > 0 && mos > bobs);

        // A member may not delete someone else's message.
        QCOMPARE(refusal(*bob, {{"type"_L1, "delete"_L1}, {"id"_L1, mos}}), u"forbidden"_s);
        // A moderator may; the event says so, to everyone.
        QVERIFY(refusal(*mo, {{"type"_L1, "delete"_L1}, {"id"_L1, bobs}}).isEmpty());
        const QJsonObject event = bob->waitForFrame(u"chat.delete"_s);
        QCOMPARE(event.value("target"_L1).toInteger(), bobs);
        QCOMPARE(event.value("moderator"_L1).toBool(), true);
        QCOMPARE(event.value("by"_L1).toString(), u"mo"_s);
        // Deleting one's own message is no moderation: not marked.
        QVERIFY(refusal(*mo, {{"type"_L1, "delete"_L1}, {"id"_L1, mos}}).isEmpty());
        const QJsonObject own = bob->waitForFrame(
            u"chat.delete"_s, 0, [&](const QJsonObject &e) { return e.value("target"_L1).toInteger() == mos; });
        QCOMPARE(own.value("moderator"_L1).toBool(true), false);
        QVERIFY(!own.contains("by"_L1));

        // Only the moderator's delete of another's message is audited: target the message, detail its author.
        const auto log = get(server->port(), "/api/rooms/lobby/audit", signIn(*server, u"olga"_s));
        QCOMPARE(log.status, 200);
        const QJsonArray entries = QJsonDocument::fromJson(log.body).object().value("entries"_L1).toArray();
        QCOMPARE(entries.size(), 1);
        const QJsonObject entry = entries.first().toObject();
        QCOMPARE(entry.value("action"_L1).toString(), u"delete"_s);
        QCOMPARE(entry.value("actor"_L1).toString(), u"mo"_s);
        QCOMPARE(entry.value("target"_L1).toString(), QString::number(bobs));
        QCOMPARE(entry.value("detail"_L1).toString(), u"account:bob"_s);
    }

    void kickClosesAndMayReturn()
    {
        auto server = daemon(u"lobby"_s);
        QVERIFY(server);
        const QByteArray bobToken = signIn(*server, u"bob"_s);
        auto bob = join(*server, u"lobby"_s, bobToken);
        auto carl = join(*server, u"lobby"_s, signIn(*server, u"carl"_s));
        auto mo = join(*server, u"lobby"_s, signIn(*server, u"mo"_s));
        QVERIFY(bob && carl && mo);

        QVERIFY(refusal(*mo, action(u"kick"_s, u"bob"_s, u"calm down"_s)).isEmpty());
        // The kicked member gets the event, then the close 4010 with the reason; the others only the event.
        const QJsonObject event = bob->waitForFrame(u"moderation"_s);
        QCOMPARE(event.value("action"_L1).toString(), u"kick"_s);
        QCOMPARE(event.value("user"_L1).toString(), u"bob"_s);
        QCOMPARE(event.value("by"_L1).toString(), u"mo"_s);
        QCOMPARE(event.value("reason"_L1).toString(), u"calm down"_s);
        QVERIFY(event.value("until"_L1).isNull());
        QVERIFY(bob->waitForClose());
        QCOMPARE(int(bob->socket().closeCode()), 4010);
        QCOMPARE(bob->socket().closeReason(), u"calm down"_s);
        QCOMPARE(carl->waitForFrame(u"moderation"_s).value("user"_L1).toString(), u"bob"_s);
        QCOMPARE(carl->socket().state(), QAbstractSocket::ConnectedState);

        // A kick is no ban: bob comes back.
        auto back = join(*server, u"lobby"_s, bobToken);
        QVERIFY(back);
        QVERIFY(post(*back, u"sorry"_s) > 0);

        // A member id names that connection (here an anonymous one).
        auto guest = join(*server, u"lobby"_s);
        QVERIFY(guest);
        const QString memberId = guest->waitForFrame(u"welcome"_s).value("member_id"_L1).toString();
        QVERIFY(refusal(*mo, action(u"kick"_s, memberId)).isEmpty());
        QVERIFY(guest->waitForClose());
        QCOMPARE(int(guest->socket().closeCode()), 4010);
        QVERIFY(join(*server, u"lobby"_s));
    }

    void banRefusesUntilUnban()
    {
        auto server = daemon(u"lobby"_s);
        QVERIFY(server);
        const QByteArray bobToken = signIn(*server, u"bob"_s);
        auto bob = join(*server, u"lobby"_s, bobToken);
        auto mo = join(*server, u"lobby"_s, signIn(*server, u"mo"_s));
        QVERIFY(bob && mo);

        // 100 characters of three bytes each: the close frame keeps 41 of them (123 bytes), cut between characters.
        const QString reason = QString(100, u'荒');
        QVERIFY(refusal(*mo, action(u"ban"_s, u"bob"_s, reason)).isEmpty());
        QCOMPARE(bob->waitForFrame(u"moderation"_s).value("action"_L1).toString(), u"ban"_s);
        QVERIFY(bob->waitForClose());
        QCOMPARE(int(bob->socket().closeCode()), 4011);
        QCOMPARE(bob->socket().closeReason(), QString(41, u'荒'));

        // Refused at the door: the upgrade, and the page in both languages.
        const auto refused = upgrade(server->port(), u"lobby"_s, bobToken);
        QCOMPARE(refused.status, 403);
        QVERIFY2(refused.body.contains("You are banned from this room"), refused.body.constData());
        const auto english = get(server->port(), "/chat/lobby/", bobToken);
        QCOMPARE(english.status, 403);
        QVERIFY(english.body.contains("A moderator banned you from the room lobby."));
        QVERIFY(english.body.contains("The ban lasts until a moderator lifts it."));
        const auto japanese = get(server->port(), "/chat/lobby/", bobToken, "ja");
        QCOMPARE(japanese.status, 403);
        QVERIFY(japanese.body.contains(u"モデレーターがあなたをルーム lobby から追放しました。"_s.toUtf8()));
        // Only that room, and only that account.
        QCOMPARE(get(server->port(), "/chat/other/", bobToken).status, 200);
        QVERIFY(join(*server, u"other"_s, bobToken));
        QCOMPARE(upgrade(server->port(), u"lobby"_s, signIn(*server, u"carl"_s)).status, 101);

        QCOMPARE(refusal(*mo, action(u"unban"_s, u"nobody"_s)), u"unknown_user"_s);
        QVERIFY(refusal(*mo, action(u"unban"_s, u"bob"_s)).isEmpty());
        QCOMPARE(mo->waitForFrame(u"moderation"_s, 0,
                                  [](const QJsonObject &e) { return e.value("action"_L1).toString() == "unban"_L1; })
                     .value("user"_L1)
                     .toString(),
                 u"bob"_s);
        QCOMPARE(get(server->port(), "/chat/lobby/", bobToken).status, 200);
        QVERIFY(join(*server, u"lobby"_s, bobToken));
    }

    void banExpires()
    {
        const QString file = m_dir.filePath(u"expiry.sqlite"_s);
        QVERIFY(prepare(file, u"lobby"_s));
        {
            // bob's ban ended a minute ago (the row stays stored until lifted); carl's ends in an hour.
            PolicyStore store(file);
            QVERIFY(store.policies);
            const QDateTime now = QDateTime::currentDateTimeUtc();
            RoomPolicyStore::Restriction ban{RoomPolicyStore::Restriction::Kind::Ban,
                                             RoomPolicyStore::Restriction::Subject::Account,
                                             u"bob"_s,
                                             now.addSecs(-60),
                                             u"over"_s,
                                             u"mo"_s,
                                             now.addSecs(-3600)};
            QVERIFY(store.policies->restrict(u"lobby"_s, ban));
            ban.subject = u"carl"_s;
            ban.until = now.addSecs(3600);
            QVERIFY(store.policies->restrict(u"lobby"_s, ban));
        }
        ServerProcess server({u"--database"_s, file, u"--rate-limit"_s, u"0"_s});
        QVERIFY(server.start());
        QVERIFY(join(server, u"lobby"_s, signIn(server, u"bob"_s)));
        const QByteArray carlToken = signIn(server, u"carl"_s);
        const auto refused = upgrade(server.port(), u"lobby"_s, carlToken);
        QCOMPARE(refused.status, 403);
        QVERIFY2(refused.body.contains(" until 20"), refused.body.constData());
        QVERIFY(get(server.port(), "/chat/lobby/", carlToken).body.contains("The ban ends at "));

        // "minutes" sets the end: now + 5 minutes, said in the event and at the door.
        auto mo = join(server, u"lobby"_s, signIn(server, u"mo"_s));
        auto bob = join(server, u"lobby"_s, signIn(server, u"bob"_s));
        QVERIFY(mo && bob);
        const QDateTime before = QDateTime::currentDateTimeUtc();
        QVERIFY(refusal(*mo, action(u"ban"_s, u"bob"_s, {}, 5)).isEmpty());
        const QDateTime until =
            QDateTime::fromString(bob->waitForFrame(u"moderation"_s).value("until"_L1).toString(), Qt::ISODateWithMs);
        QVERIFY(until.isValid());
        QVERIFY(until >= before.addSecs(5 * 60 - 1) && until <= QDateTime::currentDateTimeUtc().addSecs(5 * 60 + 1));
        QVERIFY(bob->waitForClose());
        QCOMPARE(upgrade(server.port(), u"lobby"_s, signIn(server, u"bob"_s)).status, 403);
        QCOMPARE(refusal(*mo, action(u"ban"_s, u"bob"_s, {}, 525601)), u"invalid_field"_s);
        QCOMPARE(refusal(*mo, action(u"mute"_s, u"bob"_s, {}, 525600)), QString());
    }

    void muteRefusesPosts()
    {
        auto server = daemon(u"lobby"_s);
        QVERIFY(server);
        auto bob = join(*server, u"lobby"_s, signIn(*server, u"bob"_s));
        auto carl = join(*server, u"lobby"_s, signIn(*server, u"carl"_s));
        auto mo = join(*server, u"lobby"_s, signIn(*server, u"mo"_s));
        QVERIFY(bob && carl && mo);
        const qint64 earlier = post(*bob, u"before the mute"_s);
        QVERIFY(earlier > 0);

        QVERIFY(refusal(*mo, action(u"mute"_s, u"bob"_s, u"cool off"_s, 10)).isEmpty());
        const QJsonObject event = bob->waitForFrame(u"moderation"_s);
        QCOMPARE(event.value("action"_L1).toString(), u"mute"_s);
        QVERIFY(!event.value("until"_L1).isNull());
        // A mute does not close the connection; posting, editing and reacting are refused, with the end.
        const QJsonObject refused = bob->request({{"message"_L1, u"let me speak"_s}});
        QCOMPARE(refused.value("code"_L1).toString(), u"muted"_s);
        QCOMPARE(refused.value("until"_L1).toString(), event.value("until"_L1).toString());
        QCOMPARE(refusal(*bob, {{"type"_L1, "edit"_L1}, {"id"_L1, earlier}, {"message"_L1, "changed"_L1}}), u"muted"_s);
        QCOMPARE(refusal(*bob, {{"type"_L1, "react"_L1}, {"id"_L1, earlier}, {"emoji"_L1, u"👍"_s}}), u"muted"_s);
        // Typing is dropped: carl sees mo's next message and no typing of bob before it.
        bob->sendJson({{"type"_L1, "typing"_L1}});
        QCOMPARE(refusal(*bob, {{"message"_L1, u"still muted"_s}}), u"muted"_s);
        const qint64 marker = post(*mo, u"marker"_s);
        QVERIFY(marker > 0);
        QVERIFY(!carl->waitForFrame(u"chat.message"_s, 0,
                                    [&](const QJsonObject &m) { return m.value("id"_L1).toInteger() == marker; })
                     .isEmpty());
        QVERIFY(carl->framesOfType(u"typing"_s).isEmpty());
        QCOMPARE(bob->socket().state(), QAbstractSocket::ConnectedState);

        QVERIFY(refusal(*mo, action(u"unmute"_s, u"bob"_s)).isEmpty());
        QVERIFY(post(*bob, u"thanks"_s) > 0);
        bob->sendJson({{"type"_L1, "typing"_L1}});
        QVERIFY(!carl->waitForFrame(u"typing"_s).isEmpty());
    }

    void refusals()
    {
        auto server = daemon(u"lobby"_s);
        QVERIFY(server);
        auto bob = join(*server, u"lobby"_s, signIn(*server, u"bob"_s));
        auto carl = join(*server, u"lobby"_s, signIn(*server, u"carl"_s));
        auto mo = join(*server, u"lobby"_s, signIn(*server, u"mo"_s));
        auto max = join(*server, u"lobby"_s, signIn(*server, u"max"_s));
        auto olga = join(*server, u"lobby"_s, signIn(*server, u"olga"_s));
        auto guest = join(*server, u"lobby"_s);
        QVERIFY(bob && carl && mo && max && olga && guest);

        for (const QString &type : {u"kick"_s, u"ban"_s, u"unban"_s, u"mute"_s, u"unmute"_s})
            QCOMPARE(refusal(*bob, action(type, u"carl"_s)), u"forbidden"_s);
        QCOMPARE(refusal(*guest, action(u"kick"_s, u"carl"_s)), u"sign_in_required"_s);
        // Nobody acts on an owner; a moderator not on another moderator.
        for (const QString &type : {u"kick"_s, u"ban"_s, u"mute"_s})
            QCOMPARE(refusal(*mo, action(type, u"olga"_s)), u"forbidden"_s);
        QCOMPARE(refusal(*mo, action(u"ban"_s, u"max"_s)), u"forbidden"_s);
        QCOMPARE(refusal(*olga, action(u"ban"_s, u"olga"_s)), u"forbidden"_s);
        QCOMPARE(refusal(*mo, action(u"kick"_s, u"nobody"_s)), u"unknown_user"_s);
        QCOMPARE(refusal(*mo, action(u"kick"_s, u"carl"_s, QString(201, u'x'))), u"invalid_field"_s);
        QCOMPARE(refusal(*mo, {{"type"_L1, "mute"_L1}, {"user"_L1, "carl"_L1}, {"minutes"_L1, 0}}), u"invalid_field"_s);
        // Nothing happened to anyone.
        for (WsClient *client : {bob.get(), carl.get(), mo.get(), max.get(), olga.get()})
            QVERIFY(client->framesOfType(u"moderation"_s).isEmpty());
        // An owner may act on a moderator.
        QVERIFY(refusal(*olga, action(u"kick"_s, u"max"_s)).isEmpty());
        QVERIFY(max->waitForClose());
        QCOMPARE(int(max->socket().closeCode()), 4010);
    }

    void anonymousAddressBan()
    {
        auto server = daemon(u"lobby"_s);
        QVERIFY(server);
        auto mo = join(*server, u"lobby"_s, signIn(*server, u"mo"_s));
        auto guest = join(*server, u"lobby"_s);
        auto other = join(*server, u"lobby"_s);
        QVERIFY(mo && guest && other);
        const QString memberId = guest->waitForFrame(u"welcome"_s).value("member_id"_L1).toString();

        QVERIFY(refusal(*mo, action(u"ban"_s, memberId, u"flooding"_s)).isEmpty());
        const QJsonObject event = mo->waitForFrame(u"moderation"_s);
        QCOMPARE(event.value("member_id"_L1).toString(), memberId);
        QCOMPARE(event.value("user"_L1).toString(), u"guest"_s);
        QVERIFY(guest->waitForClose());
        QCOMPARE(int(guest->socket().closeCode()), 4011);
        // The address is banned: every anonymous client from it (these tests all come from 127.0.0.1).
        QVERIFY(other->waitForClose());
        QCOMPARE(int(other->socket().closeCode()), 4011);
        QCOMPARE(upgrade(server->port(), u"lobby"_s).status, 403);
        QCOMPARE(get(server->port(), "/chat/lobby/").status, 403);
        // An account is banned by name, not by address: bob from the same address comes in.
        const QByteArray bobToken = signIn(*server, u"bob"_s);
        QVERIFY(join(*server, u"lobby"_s, bobToken));
        QCOMPARE(get(server->port(), "/chat/lobby/", bobToken).status, 200);

        const QByteArray olgaToken = signIn(*server, u"olga"_s);
        const auto log = get(server->port(), "/api/rooms/lobby/audit", olgaToken);
        const QJsonObject entry =
            QJsonDocument::fromJson(log.body).object().value("entries"_L1).toArray().first().toObject();
        QCOMPARE(entry.value("action"_L1).toString(), u"ban"_s);
        QCOMPARE(entry.value("target"_L1).toString(), u"127.0.0.1"_s);
        QCOMPARE(entry.value("reason"_L1).toString(), u"flooding"_s);

        QVERIFY(refusal(*mo, action(u"unban"_s, u"127.0.0.1"_s)).isEmpty());
        auto again = join(*server, u"lobby"_s);
        QVERIFY(again);

        // A mute by member id holds the address too: that guest (and any other from it) reads but cannot post.
        QVERIFY(post(*again, u"hello again"_s) > 0);
        const QString againId = again->waitForFrame(u"welcome"_s).value("member_id"_L1).toString();
        QVERIFY(refusal(*mo, action(u"mute"_s, againId)).isEmpty());
        QCOMPARE(again->waitForFrame(u"moderation"_s).value("action"_L1).toString(), u"mute"_s);
        // Its daemon (this one) recorded the mute before the event left it.
        QCOMPARE(refusal(*again, {{"message"_L1, u"hello?"_s}}), u"muted"_s);
        QCOMPARE(again->socket().state(), QAbstractSocket::ConnectedState);
        QVERIFY(refusal(*mo, action(u"unmute"_s, u"127.0.0.1"_s)).isEmpty());
        QVERIFY(post(*again, u"thanks"_s) > 0);
    }

    void restartKeepsBans()
    {
        QString database;
        auto server = daemon(u"lobby"_s, &database);
        QVERIFY(server);
        auto mo = join(*server, u"lobby"_s, signIn(*server, u"mo"_s));
        QVERIFY(mo);
        QVERIFY(refusal(*mo, action(u"ban"_s, u"bob"_s, u"for good"_s)).isEmpty());
        QVERIFY(refusal(*mo, action(u"mute"_s, u"carl"_s)).isEmpty());
        mo.reset();
        QCOMPARE(server->stop(), 0);
        QVERIFY(server->start());
        QCOMPARE(upgrade(server->port(), u"lobby"_s, signIn(*server, u"bob"_s)).status, 403);
        auto carl = join(*server, u"lobby"_s, signIn(*server, u"carl"_s));
        QVERIFY(carl);
        QCOMPARE(refusal(*carl, {{"message"_L1, u"hello?"_s}}), u"muted"_s);
    }

    void auditApi()
    {
        auto server = daemon(u"lobby"_s);
        QVERIFY(server);
        const QByteArray olgaToken = signIn(*server, u"olga"_s);
        auto mo = join(*server, u"lobby"_s, signIn(*server, u"mo"_s));
        auto bob = join(*server, u"lobby"_s, signIn(*server, u"bob"_s));
        QVERIFY(mo && bob);
        QVERIFY(refusal(*mo, action(u"mute"_s, u"bob"_s, u"one"_s, 5)).isEmpty());
        QVERIFY(refusal(*mo, action(u"unmute"_s, u"bob"_s)).isEmpty());
        QVERIFY(refusal(*mo, action(u"kick"_s, u"bob"_s, u"two"_s)).isEmpty());
        QVERIFY(refusal(*mo, action(u"ban"_s, u"carl"_s, u"three"_s)).isEmpty());
        QVERIFY(refusal(*mo, action(u"unban"_s, u"carl"_s)).isEmpty());

        // Newest first, every field.
        const auto response = get(server->port(), "/api/rooms/lobby/audit", olgaToken);
        QCOMPARE(response.status, 200);
        const QJsonObject log = QJsonDocument::fromJson(response.body).object();
        QCOMPARE(log.value("room"_L1).toString(), u"lobby"_s);
        QCOMPARE(log.value("more"_L1).toBool(true), false);
        const QJsonArray entries = log.value("entries"_L1).toArray();
        QCOMPARE(auditActions(server->port(), u"lobby"_s, olgaToken),
                 (QStringList{u"unban"_s, u"ban"_s, u"kick"_s, u"unmute"_s, u"mute"_s}));
        const QJsonObject mute = entries.last().toObject();
        QCOMPARE(mute.value("actor"_L1).toString(), u"mo"_s);
        QCOMPARE(mute.value("target"_L1).toString(), u"bob"_s);
        QCOMPARE(mute.value("reason"_L1).toString(), u"one"_s);
        QVERIFY(!mute.value("until"_L1).isNull());
        QVERIFY(QDateTime::fromString(mute.value("time"_L1).toString(), Qt::ISODateWithMs).isValid());
        QVERIFY(entries.first().toObject().value("until"_L1).isNull());
        QVERIFY(entries.first().toObject().value("id"_L1).toInteger() > mute.value("id"_L1).toInteger());

        // Paging: two at a time, before the last one seen.
        const auto first =
            QJsonDocument::fromJson(get(server->port(), "/api/rooms/lobby/audit?limit=2", olgaToken).body).object();
        QCOMPARE(first.value("entries"_L1).toArray().size(), 2);
        QCOMPARE(first.value("more"_L1).toBool(), true);
        const qint64 oldest = first.value("entries"_L1).toArray().last().toObject().value("id"_L1).toInteger();
        const auto next =
            QJsonDocument::fromJson(
                get(server->port(), "/api/rooms/lobby/audit?limit=2&before=" + QByteArray::number(oldest), olgaToken)
                    .body)
                .object();
        QCOMPARE(next.value("entries"_L1).toArray().first().toObject().value("action"_L1).toString(), u"kick"_s);
        QCOMPARE(get(server->port(), "/api/rooms/lobby/audit?limit=201", olgaToken).status, 400);
        QCOMPARE(get(server->port(), "/api/rooms/lobby/audit?before=x", olgaToken).status, 400);

        // Owners only: anonymous 401, a member or a moderator 403, another room's owner 403.
        QCOMPARE(get(server->port(), "/api/rooms/lobby/audit").status, 401);
        QCOMPARE(get(server->port(), "/api/rooms/lobby/audit", signIn(*server, u"bob"_s)).status, 403);
        QCOMPARE(get(server->port(), "/api/rooms/lobby/audit", signIn(*server, u"mo"_s)).status, 403);
        QCOMPARE(get(server->port(), "/api/rooms/other/audit", olgaToken).status, 403);

        // A private room's outsider learns nothing of it: 404; its listed accounts still get 403.
        auto olga = join(*server, u"lobby"_s, olgaToken);
        QVERIFY(olga);
        QVERIFY(refusal(*olga, {{"type"_L1, "room.set"_L1}, {"private"_L1, true}}).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(get(server->port(), "/api/rooms/lobby/audit", signIn(*server, u"bob"_s)).status, 404,
                                  5000);
        QCOMPARE(get(server->port(), "/api/rooms/lobby/audit", signIn(*server, u"mo"_s)).status, 403);
        QCOMPARE(get(server->port(), "/api/rooms/lobby/audit", olgaToken).status, 200);
    }

    void twoDaemons_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite file + redis") << u"sqlite"_s;
        QTest::newRow("postgresql + redis") << u"postgresql"_s;
    }

    void twoDaemons()
    {
        QFETCH(QString, backend);
        RedisServerProcess redis;
        PostgresProcess postgres;
        const bool postgresql = backend == "postgresql"_L1;
        KAIWA_REQUIRE_FIXTURE(redis.start() && (!postgresql || postgres.start()), u"redis-server and PostgreSQL"_s);
        QString database = m_dir.filePath(u"shared.sqlite"_s);
        if (postgresql) {
            QVERIFY(postgres.createDatabase(u"moderation"_s));
            database = postgres.url(u"moderation"_s);
        }
        QVERIFY(prepare(database, u"lobby"_s));
        const QStringList shared{u"--database"_s, database, u"--redis"_s, redis.url(), u"--rate-limit"_s, u"0"_s};
        ServerProcess a(shared);
        ServerProcess b(shared);
        QVERIFY(a.start() && b.start());
        QVERIFY(a.waitUntilHealthy() && b.waitUntilHealthy());

        // bob and a guest are on B; mo acts on A.
        const QByteArray bobToken = signIn(b, u"bob"_s);
        auto bob = join(b, u"lobby"_s, bobToken);
        auto guest = join(b, u"lobby"_s);
        auto mo = join(a, u"lobby"_s, signIn(a, u"mo"_s));
        QVERIFY(bob && guest && mo);
        QTRY_COMPARE_WITH_TIMEOUT(mo->waitForFrame(u"presence"_s).value("count"_L1).toInteger(), 3, 10000);

        QVERIFY(refusal(*mo, action(u"ban"_s, u"bob"_s, u"across"_s)).isEmpty());
        QVERIFY(bob->waitForClose());
        QCOMPARE(int(bob->socket().closeCode()), 4011);
        // Each daemon's policy reads the room again when the ban reaches it (at the latest, its poll a second later).
        QTRY_COMPARE_WITH_TIMEOUT(upgrade(b.port(), u"lobby"_s, bobToken).status, 403, 5000);
        QCOMPARE(get(b.port(), "/chat/lobby/", bobToken).status, 403);

        // The guest's address is known to B only: B records the ban, A refuses it too.
        const QString memberId = guest->waitForFrame(u"welcome"_s).value("member_id"_L1).toString();
        QVERIFY(refusal(*mo, action(u"ban"_s, memberId, u"guest across"_s)).isEmpty());
        QVERIFY(guest->waitForClose());
        QCOMPARE(int(guest->socket().closeCode()), 4011);
        QTRY_COMPARE_WITH_TIMEOUT(upgrade(a.port(), u"lobby"_s).status, 403, 5000);

        // Unban on B lets bob in on A.
        auto max = join(b, u"lobby"_s, signIn(b, u"max"_s));
        QVERIFY(max);
        QVERIFY(refusal(*max, action(u"unban"_s, u"bob"_s)).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(get(a.port(), "/chat/lobby/", bobToken).status, 200, 5000);
        const QByteArray olgaToken = signIn(a, u"olga"_s);
        QCOMPARE(auditActions(a.port(), u"lobby"_s, olgaToken), (QStringList{u"unban"_s, u"ban"_s, u"ban"_s}));

        // A signed-in member on B named by its member id: B checks the roles. An owner may kick a moderator.
        auto olga = join(a, u"lobby"_s, olgaToken);
        QVERIFY(olga);
        const QString maxId = max->waitForFrame(u"welcome"_s).value("member_id"_L1).toString();
        QVERIFY(refusal(*olga, action(u"kick"_s, maxId, u"owner's word"_s)).isEmpty());
        QVERIFY(max->waitForClose());
        QCOMPARE(int(max->socket().closeCode()), 4010);
    }
};

QTEST_MAIN(TestModeration)
#include "tst_moderation.moc"
