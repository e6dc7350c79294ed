// SPDX-License-Identifier: MIT
// Conversations people keep: replies, edits, deletes and reactions through a real kaiwa-server on a
// real SQLite file, with kaiwa.v1 clients, a tutorial-only client in the room throughout, late joiners
// and clients that reconnect with ?since=.
#include "util/httpexchange.h"
#include "util/servercommand.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include "common/protocol.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <functional>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

const QByteArray s_password = "correct horse 1";

using FramePredicate = std::function<bool(const QJsonObject &)>;

/// The frames of `client` from index `from` on that satisfy `predicate`.
QList<QJsonObject> matching(const WsClient &client, const FramePredicate &predicate, qsizetype from = 0)
{
    QList<QJsonObject> found;
    for (qsizetype i = from; i < client.frames().size(); ++i) {
        if (predicate(client.frames().at(i)))
            found.append(client.frames().at(i));
    }
    return found;
}

/// Waits for a frame that satisfies `predicate` (from index `from` on) and returns it; an empty object on timeout.
QJsonObject waitFor(const WsClient &client, const FramePredicate &predicate, qsizetype from = 0)
{
    QJsonObject found;
    const bool arrived = QTest::qWaitFor(
        [&] {
            const auto frames = matching(client, predicate, from);
            if (!frames.isEmpty())
                found = frames.first();
            return !frames.isEmpty();
        },
        10000);
    return arrived ? found : QJsonObject();
}

FramePredicate ofType(const QString &type, const QString &clientId = {})
{
    return [=](const QJsonObject &frame) {
        return frame.value("type"_L1).toString() == type
               && (clientId.isEmpty() || frame.value("client_id"_L1).toString() == clientId);
    };
}

/// Sends a request with a client_id and waits for its ack or error.
QJsonObject request(WsClient &client, QJsonObject frame, const QString &clientId)
{
    frame.insert("client_id"_L1, clientId);
    const qsizetype from = client.frames().size();
    client.sendJson(frame);
    return waitFor(
        client,
        [&](const QJsonObject &answer) {
            const QString type = answer.value("type"_L1).toString();
            return (type == "ack"_L1 || type == "error"_L1) && answer.value("client_id"_L1).toString() == clientId;
        },
        from);
}

/// A session token from POST /login, as the desktop client gets one.
QByteArray signIn(quint16 port, const QByteArray &name)
{
    return HttpExchange::signIn(port, name, s_password);
}

QJsonObject edit(qint64 id, const QString &text)
{
    return {{"type"_L1, "edit"_L1}, {"id"_L1, id}, {"message"_L1, text}};
}

QJsonObject remove(qint64 id)
{
    return {{"type"_L1, "delete"_L1}, {"id"_L1, id}};
}

QJsonObject react(qint64 id, const QString &emoji, bool added = true)
{
    return {{"type"_L1, added ? "react"_L1 : "unreact"_L1}, {"id"_L1, id}, {"emoji"_L1, emoji}};
}

/// The chat.message frame with this id among the client's frames (the last one: replays come first).
QJsonObject messageWithId(const WsClient &client, qint64 id)
{
    const auto frames = matching(client, [id](const QJsonObject &frame) {
        return frame.value("type"_L1).toString() == "chat.message"_L1 && frame.value("id"_L1).toInteger() == id;
    });
    return frames.isEmpty() ? QJsonObject() : frames.last();
}

QString code(const QJsonObject &error)
{
    return error.value("code"_L1).toString();
}

} // namespace

class TestConversations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString databasePath(const QString &name) const { return m_dir.filePath(name + u".sqlite"_s); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void sendEditReplyReactDelete()
    {
        const QString database = databasePath(u"scenario"_s);
        ServerProcess server({u"--database"_s, database});
        QVERIFY(server.start());
        const QString room = u"talk"_s;
        // In the room throughout, without kaiwa.v1: it must only ever get frames with "message".
        WsClient tutorial;
        QVERIFY(tutorial.open(server.wsUrl(room, u"name=tutorial"_s)));
        WsClient alice(true);
        QVERIFY(alice.open(server.wsUrl(room, u"name=alice"_s)));
        WsClient bob(true);
        QVERIFY(bob.open(server.wsUrl(room, u"name=bob"_s)));

        const QJsonObject sent = request(alice, {{"message"_L1, u"hello @bob, the secret is swordfish"_s}}, u"a1"_s);
        QCOMPARE(sent.value("type"_L1).toString(), u"ack"_s);
        const qint64 original = sent.value("id"_L1).toInteger();
        const QJsonObject live = waitFor(bob, ofType(u"chat.message"_s, u"a1"_s));
        QCOMPARE(live.value("mentions"_L1).toArray(), QJsonArray{u"bob"_s});

        // The author edits: an event of its own, to everyone; the tutorial client gets a marked line.
        const QJsonObject edited = request(alice, edit(original, u"hello @bob, the secret is sword fish"_s), u"a2"_s);
        QCOMPARE(edited.value("type"_L1).toString(), u"ack"_s);
        const qint64 editId = edited.value("id"_L1).toInteger();
        QCOMPARE(editId, original + 1);
        const QJsonObject editEvent = waitFor(bob, ofType(u"chat.edit"_s));
        QCOMPARE(editEvent.value("id"_L1).toInteger(), editId);
        QCOMPARE(editEvent.value("target"_L1).toInteger(), original);
        QCOMPARE(editEvent.value("message"_L1).toString(), u"hello @bob, the secret is sword fish"_s);
        QCOMPARE(editEvent.value("user"_L1).toString(), u"alice"_s);
        // The ack follows the event on the sender's own connection.
        const auto aliceTypes = [&] {
            QStringList types;
            for (const QJsonObject &frame : alice.frames())
                types.append(frame.value("type"_L1).toString() + frame.value("client_id"_L1).toString());
            return types;
        }();
        QVERIFY(aliceTypes.indexOf(u"chat.edita2"_s) < aliceTypes.indexOf(u"acka2"_s));
        const QJsonObject tutorialEdit =
            waitFor(tutorial, [](const QJsonObject &frame) { return frame.value("edit_of"_L1).toInteger() > 0; });
        QCOMPARE(tutorialEdit.value("message"_L1).toString(), u"✎ hello @bob, the secret is sword fish"_s);
        QCOMPARE(tutorialEdit.value("type"_L1).toString(), u"chat.message"_s);

        // Someone else may not edit it, nor delete it; the connection stays open.
        const QJsonObject forbidden = request(bob, edit(original, u"bob was here"_s), u"b0"_s);
        QCOMPARE(code(forbidden), u"forbidden"_s);
        QVERIFY(!forbidden.value("detail"_L1).toString().isEmpty());
        QCOMPARE(code(request(bob, remove(original), u"b0d"_s)), u"forbidden"_s);

        // A reply carries a quote of the current text.
        const QJsonObject replied =
            request(bob, {{"message"_L1, u"what secret?"_s}, {"reply_to"_L1, original}}, u"b1"_s);
        QCOMPARE(replied.value("type"_L1).toString(), u"ack"_s);
        const qint64 reply = replied.value("id"_L1).toInteger();
        const QJsonObject replyFrame = waitFor(alice, ofType(u"chat.message"_s, u"b1"_s));
        const QJsonObject quote = replyFrame.value("reply_to"_L1).toObject();
        QCOMPARE(quote.value("id"_L1).toInteger(), original);
        QCOMPARE(quote.value("user"_L1).toString(), u"alice"_s);
        QCOMPARE(quote.value("excerpt"_L1).toString(), u"hello @bob, the secret is sword fish"_s);
        QCOMPARE(quote.value("deleted"_L1).toBool(), false);
        QCOMPARE(code(request(bob, {{"message"_L1, u"to nothing"_s}, {"reply_to"_L1, 999}}, u"b1x"_s)),
                 u"unknown_target"_s);
        // An event is not a message one can answer, edit or react to.
        QCOMPARE(code(request(bob, react(editId, u"👍"_s), u"b1e"_s)), u"unknown_target"_s);

        // Reactions: anyone; twice is the same; taking back what one does not hold changes nothing.
        const QJsonObject reacted = request(bob, react(original, u"👍"_s), u"b2"_s);
        QCOMPARE(reacted.value("type"_L1).toString(), u"ack"_s);
        QCOMPARE(reacted.value("duplicate"_L1).toBool(), false);
        const QJsonObject reaction = waitFor(alice, ofType(u"chat.reaction"_s));
        QCOMPARE(reaction.value("target"_L1).toInteger(), original);
        QCOMPARE(reaction.value("emoji"_L1).toString(), u"👍"_s);
        QCOMPARE(reaction.value("user"_L1).toString(), u"bob"_s);
        QCOMPARE(reaction.value("added"_L1).toBool(), true);
        const QJsonObject again = request(bob, react(original, u"👍"_s), u"b3"_s);
        QCOMPARE(again.value("duplicate"_L1).toBool(), true);
        QCOMPARE(request(alice, react(original, u"🎉"_s, false), u"a3"_s).value("duplicate"_L1).toBool(), true);
        QCOMPARE(code(request(bob, react(original, u"ok"_s), u"b4"_s)), u"invalid_emoji"_s);
        QCOMPARE(code(request(bob, react(original, u"👍👍"_s), u"b5"_s)), u"invalid_emoji"_s);
        const QJsonObject alicesReaction = request(alice, react(original, u"🎉"_s), u"a4"_s);
        QCOMPARE(alicesReaction.value("type"_L1).toString(), u"ack"_s);

        // A late joiner sees the current state: edited text, reactions per emoji, the reply's quote.
        {
            WsClient late(true);
            QVERIFY(late.open(server.wsUrl(room, u"name=late"_s)));
            QVERIFY(!waitFor(late, ofType(u"presence"_s)).isEmpty());
            const QJsonObject message = messageWithId(late, original);
            QCOMPARE(message.value("message"_L1).toString(), u"hello @bob, the secret is sword fish"_s);
            QVERIFY(!message.value("edited"_L1).toString().isEmpty());
            const QJsonArray reactions = message.value("reactions"_L1).toArray();
            QCOMPARE(reactions.size(), 2);
            QCOMPARE(reactions.at(0).toObject().value("emoji"_L1).toString(), u"👍"_s);
            QCOMPARE(reactions.at(0).toObject().value("count"_L1).toInt(), 1);
            QCOMPARE(reactions.at(0).toObject().value("users"_L1).toArray(), QJsonArray{u"bob"_s});
            QCOMPARE(reactions.at(1).toObject().value("emoji"_L1).toString(), u"🎉"_s);
            QCOMPARE(messageWithId(late, reply).value("reply_to"_L1).toObject(), quote);
            // Messages only: their state already shows the events.
            QVERIFY(late.framesOfType(u"chat.edit"_s).isEmpty());
            QVERIFY(late.framesOfType(u"chat.reaction"_s).isEmpty());
        }

        const qint64 seenByLeaver = reply;
        // The author deletes it: its text is gone; the reply's quote says so.
        const QJsonObject deleted = request(alice, remove(original), u"a5"_s);
        QCOMPARE(deleted.value("type"_L1).toString(), u"ack"_s);
        const qint64 deleteId = deleted.value("id"_L1).toInteger();
        const QJsonObject deleteEvent = waitFor(bob, ofType(u"chat.delete"_s));
        QCOMPARE(deleteEvent.value("id"_L1).toInteger(), deleteId);
        QCOMPARE(deleteEvent.value("target"_L1).toInteger(), original);
        QCOMPARE(deleteEvent.value("moderator"_L1).toBool(), false);
        // A retry of the same delete is a duplicate; another one, or anything else on it, a deleted target.
        QCOMPARE(request(alice, remove(original), u"a5"_s).value("duplicate"_L1).toBool(), true);
        QCOMPARE(code(request(alice, remove(original), u"a6"_s)), u"deleted_target"_s);
        QCOMPARE(code(request(alice, edit(original, u"back"_s), u"a7"_s)), u"deleted_target"_s);
        QCOMPARE(code(request(bob, react(original, u"👀"_s), u"b6"_s)), u"deleted_target"_s);
        QCOMPARE(code(request(bob, {{"message"_L1, u"late answer"_s}, {"reply_to"_L1, original}}, u"b7"_s)),
                 u"deleted_target"_s);

        // Reconnecting with since gets exactly the events it missed, in id order, messages as they are now.
        {
            WsClient back(true);
            QVERIFY(back.open(server.wsUrl(room, u"name=bob&since=%1"_s.arg(seenByLeaver))));
            QVERIFY(!waitFor(back, ofType(u"presence"_s)).isEmpty());
            QList<qint64> ids;
            QStringList types;
            for (const QJsonObject &frame : back.frames()) {
                const QString type = frame.value("type"_L1).toString();
                if (type.startsWith("chat."_L1)) {
                    ids.append(frame.value("id"_L1).toInteger());
                    types.append(type);
                }
            }
            QCOMPARE(types, (QStringList{u"chat.reaction"_s, u"chat.reaction"_s, u"chat.delete"_s}));
            QCOMPARE(ids.last(), deleteId);
            QVERIFY(std::is_sorted(ids.begin(), ids.end()));
        }
        // A join now: a tombstone without its text, and the reply's quote without it.
        {
            WsClient late(true);
            QVERIFY(late.open(server.wsUrl(room, u"name=later"_s)));
            QVERIFY(!waitFor(late, ofType(u"presence"_s)).isEmpty());
            const QJsonObject tombstone = messageWithId(late, original);
            QCOMPARE(tombstone.value("deleted"_L1).toBool(), true);
            QCOMPARE(tombstone.value("message"_L1).toString(), QString());
            QVERIFY(!tombstone.contains("reactions"_L1));
            QVERIFY(!tombstone.contains("mentions"_L1));
            const QJsonObject replyNow = messageWithId(late, reply).value("reply_to"_L1).toObject();
            QCOMPARE(replyNow.value("deleted"_L1).toBool(), true);
            QCOMPARE(replyNow.value("excerpt"_L1).toString(), QString());
            // Replayed from the start: the edit event comes with "deleted" and no text.
            WsClient fromStart(true);
            QVERIFY(fromStart.open(server.wsUrl(room, u"name=again&since=0"_s)));
            QVERIFY(!waitFor(fromStart, ofType(u"presence"_s)).isEmpty());
            const QJsonObject oldEdit = waitFor(fromStart, ofType(u"chat.edit"_s));
            QCOMPARE(oldEdit.value("deleted"_L1).toBool(), true);
            QCOMPARE(oldEdit.value("message"_L1).toString(), QString());
        }

        // The tutorial client saw only frames with "message", and nothing of the reactions and the delete.
        QVERIFY(!waitFor(tutorial, ofType(u"chat.message"_s, u"b1"_s)).isEmpty());
        for (const QJsonObject &frame : tutorial.frames()) {
            QVERIFY2(frame.contains("message"_L1), QJsonDocument(frame).toJson().constData());
            QCOMPARE(frame.value("type"_L1).toString(), u"chat.message"_s);
        }
        QVERIFY(!tutorial.chatTexts().contains(QString()));

        // A history page holds messages only, as they are now.
        const qsizetype before = bob.frames().size();
        bob.sendJson({{"type"_L1, "history"_L1}, {"limit"_L1, 50}});
        const QJsonArray page = waitFor(bob, ofType(u"history"_s), before).value("messages"_L1).toArray();
        QList<qint64> pageIds;
        for (const QJsonValue &value : page) {
            QCOMPARE(value.toObject().value("type"_L1).toString(), u"chat.message"_s);
            pageIds.append(value.toObject().value("id"_L1).toInteger());
        }
        QCOMPARE(pageIds, (QList<qint64>{original, reply}));
        QCOMPARE(page.first().toObject().value("deleted"_L1).toBool(), true);
        QCOMPARE(page.last().toObject().value("reply_to"_L1).toObject().value("deleted"_L1).toBool(), true);

        // The API shows the current state, without the text.
        const auto api = HttpExchange::run(server.port(), "GET", "/api/rooms/talk/messages");
        QCOMPARE(api.status, 200);
        QVERIFY(!api.body.contains("swordfish"));
        QVERIFY(!api.body.contains("sword fish"));
        QVERIFY(api.body.contains("\"deleted\":true"));

        // And so does the file, once the daemon closed it (its WAL is folded in and removed).
        QCOMPARE(server.stop(), 0);
        QFile file(database);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.contains("what secret?")); // the file is readable as it is
        QVERIFY(!bytes.contains("swordfish"));
        QVERIFY(!bytes.contains("sword fish"));
    }

    void authorsAreAccountsOrConnections()
    {
        auto server = ServerProcess::withAccount(databasePath(u"authors"_s), u"alice"_s, s_password);
        QVERIFY(server);
        QVERIFY(server->start());
        const QString room = u"authors"_s;
        // The room has a message before alice joins, so her join does not make her its owner (who, as its
        // moderators, deletes anyone's message: docs/protocol.md, "Rooms with owners").
        WsClient earlier(true);
        QVERIFY(earlier.open(server->wsUrl(room, u"name=earlier"_s)));
        QVERIFY(request(earlier, {{"message"_L1, u"first"_s}}, u"e1"_s).value("id"_L1).toInteger() > 0);
        const QByteArray laptopToken = signIn(server->port(), "alice");
        const QByteArray phoneToken = signIn(server->port(), "alice");
        QVERIFY(!laptopToken.isEmpty());
        WsClient laptop(true);
        QVERIFY(laptop.open(server->wsUrl(room, u"token="_s + QString::fromLatin1(laptopToken))));
        WsClient phone(true);
        QVERIFY(phone.open(server->wsUrl(room, u"token="_s + QString::fromLatin1(phoneToken))));
        // Anonymous, under the same display name as the account: still not its author.
        WsClient impostor(true);
        QVERIFY(impostor.open(server->wsUrl(room, u"name=alice"_s)));

        const qint64 signedMessage =
            request(laptop, {{"message"_L1, u"from the laptop"_s}}, u"l1"_s).value("id"_L1).toInteger();
        QVERIFY(signedMessage > 0);
        QCOMPARE(code(request(impostor, edit(signedMessage, u"not mine"_s), u"i1"_s)), u"forbidden"_s);
        // The account edits and deletes its message from any device.
        QCOMPARE(request(phone, edit(signedMessage, u"from the phone"_s), u"p1"_s).value("type"_L1).toString(),
                 u"ack"_s);
        QCOMPARE(waitFor(laptop, ofType(u"chat.edit"_s)).value("verified"_L1).toBool(), true);

        // An anonymous message belongs to the connection that sent it, not to its name.
        const qint64 anonymous =
            request(impostor, {{"message"_L1, u"anonymous"_s}}, u"i2"_s).value("id"_L1).toInteger();
        WsClient sameName(true);
        QVERIFY(sameName.open(server->wsUrl(room, u"name=alice"_s)));
        QCOMPARE(code(request(sameName, remove(anonymous), u"s1"_s)), u"forbidden"_s);
        QCOMPARE(code(request(laptop, remove(anonymous), u"l2"_s)), u"forbidden"_s);
        QCOMPARE(request(impostor, remove(anonymous), u"i3"_s).value("type"_L1).toString(), u"ack"_s);
        QCOMPARE(request(laptop, remove(signedMessage), u"l3"_s).value("type"_L1).toString(), u"ack"_s);
    }

    void editWindowLimitsEditsNotDeletes()
    {
        const QString database = databasePath(u"window"_s);
        auto server = ServerProcess::withAccount(database, u"alice"_s, s_password, {u"--edit-window"_s, u"60"_s});
        QVERIFY(server);
        QVERIFY(server->start());
        const QString tokenQuery = u"token="_s + QString::fromLatin1(signIn(server->port(), "alice"));
        qint64 old = 0;
        {
            WsClient alice(true);
            QVERIFY(alice.open(server->wsUrl(u"lobby"_s, tokenQuery)));
            old = request(alice, {{"message"_L1, u"sent an hour ago"_s}}, u"o1"_s).value("id"_L1).toInteger();
            QVERIFY(old > 0);
        }
        QCOMPARE(server->stop(), 0);
        // The message was sent an hour ago: its time in the file says so.
        {
            auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst-window"_s);
            db.setDatabaseName(database);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"UPDATE messages SET time = time - 3600000 WHERE id = %1"_s.arg(old)));
            QCOMPARE(query.numRowsAffected(), 1);
        }
        QSqlDatabase::removeDatabase(u"tst-window"_s);
        QVERIFY(server->start());
        WsClient alice(true);
        QVERIFY(alice.open(server->wsUrl(u"lobby"_s, tokenQuery)));
        const QJsonObject late = request(alice, edit(old, u"too late"_s), u"e1"_s);
        QCOMPARE(code(late), u"forbidden"_s);
        QVERIFY(late.value("detail"_L1).toString().contains("edit window"_L1));
        const qint64 fresh = request(alice, {{"message"_L1, u"just now"_s}}, u"n1"_s).value("id"_L1).toInteger();
        QCOMPARE(request(alice, edit(fresh, u"just now, edited"_s), u"e2"_s).value("type"_L1).toString(), u"ack"_s);
        QCOMPARE(request(alice, remove(old), u"d1"_s).value("type"_L1).toString(), u"ack"_s);
    }

    void refusalsKeepTheConnectionOpen()
    {
        ServerProcess server({u"--database"_s, databasePath(u"refusals"_s), u"--rate-limit"_s, u"0"_s});
        QVERIFY(server.start());
        WsClient alice(true);
        QVERIFY(alice.open(server.wsUrl(u"refusals"_s, u"name=alice"_s)));
        const qint64 target = request(alice, {{"message"_L1, u"react to me"_s}}, u"m1"_s).value("id"_L1).toInteger();
        // Wrong types.
        QCOMPARE(code(request(alice, {{"type"_L1, "edit"_L1}, {"id"_L1, u"1"_s}, {"message"_L1, u"x"_s}}, u"t1"_s)),
                 u"invalid_field"_s);
        QCOMPARE(code(request(alice, {{"type"_L1, "delete"_L1}, {"id"_L1, -3}}, u"t2"_s)), u"invalid_field"_s);
        QCOMPARE(code(request(alice, {{"type"_L1, "react"_L1}, {"id"_L1, target}, {"emoji"_L1, 5}}, u"t3"_s)),
                 u"invalid_field"_s);
        QCOMPARE(code(request(alice, {{"message"_L1, u"x"_s}, {"reply_to"_L1, 1.5}}, u"t4"_s)), u"invalid_field"_s);
        QCOMPARE(code(request(alice, {{"type"_L1, "edit"_L1}, {"id"_L1, target}, {"message"_L1, 7}}, u"t5"_s)),
                 u"invalid_message"_s);
        QCOMPARE(code(request(alice, edit(target, u"   "_s), u"t6"_s)), u"empty_message"_s);
        // Not one emoji: text, two emoji, more than 32 bytes.
        QCOMPARE(code(request(alice, react(target, u"+1"_s), u"t7"_s)), u"invalid_emoji"_s);
        QCOMPARE(code(request(alice, react(target, u"🙂🙂"_s), u"t8"_s)), u"invalid_emoji"_s);
        QCOMPARE(code(request(alice, react(target, u"👨‍👩‍👧‍👦👨‍👩‍👧‍👦"_s), u"t9"_s)),
                 u"invalid_emoji"_s);
        // Ten different emoji per person, twenty per message.
        const auto emoji = [](int i) {
            return QString::fromUcs4(std::array<char32_t, 1>{char32_t(0x1F600 + i)}.data(), 1);
        };
        for (int i = 0; i < Kaiwa::Protocol::maxReactionsPerReactor; ++i)
            QCOMPARE(request(alice, react(target, emoji(i)), u"r%1"_s.arg(i)).value("type"_L1).toString(), u"ack"_s);
        const QJsonObject tooMany = request(alice, react(target, emoji(10)), u"r10"_s);
        QCOMPARE(code(tooMany), u"too_many_reactions"_s);
        WsClient bob(true);
        QVERIFY(bob.open(server.wsUrl(u"refusals"_s, u"name=bob"_s)));
        for (int i = 10; i < Kaiwa::Protocol::maxReactionsPerMessage; ++i)
            QCOMPARE(request(bob, react(target, emoji(i)), u"b%1"_s.arg(i)).value("type"_L1).toString(), u"ack"_s);
        WsClient cid(true);
        QVERIFY(cid.open(server.wsUrl(u"refusals"_s, u"name=cid"_s)));
        QCOMPARE(code(request(cid, react(target, emoji(20)), u"c20"_s)), u"too_many_reactions"_s);
        QCOMPARE(request(cid, react(target, emoji(0)), u"c0"_s).value("type"_L1).toString(), u"ack"_s);
        // Still open, still chatting.
        QCOMPARE(request(alice, {{"message"_L1, u"still here"_s}}, u"m2"_s).value("type"_L1).toString(), u"ack"_s);
    }

    void everyRequestCostsARateLimitToken()
    {
        ServerProcess server(
            {u"--database"_s, databasePath(u"rate"_s), u"--rate-limit"_s, u"1"_s, u"--rate-burst"_s, u"3"_s});
        QVERIFY(server.start());
        WsClient alice(true);
        QVERIFY(alice.open(server.wsUrl(u"rate"_s, u"name=alice"_s)));
        // One burst: the three tokens go to a message, a reaction and an edit; what follows within the
        // second is refused, each refusal naming its request.
        alice.sendJson({{"message"_L1, u"one"_s}, {"client_id"_L1, u"c1"_s}});
        alice.sendJson({{"type"_L1, "react"_L1}, {"id"_L1, 1}, {"emoji"_L1, u"👍"_s}, {"client_id"_L1, u"c2"_s}});
        alice.sendJson({{"type"_L1, "edit"_L1}, {"id"_L1, 1}, {"message"_L1, u"one!"_s}, {"client_id"_L1, u"c3"_s}});
        for (int i = 4; i <= 6; ++i)
            alice.sendJson({{"type"_L1, "delete"_L1}, {"id"_L1, 1}, {"client_id"_L1, u"c%1"_s.arg(i)}});
        const auto answered = [&] {
            return alice.framesOfType(u"ack"_s).size() + alice.framesOfType(u"error"_s).size();
        };
        QTRY_COMPARE(answered(), 6);
        QStringList acked;
        for (const QJsonObject &ack : alice.framesOfType(u"ack"_s))
            acked.append(ack.value("client_id"_L1).toString());
        QCOMPARE(acked.mid(0, 3), (QStringList{u"c1"_s, u"c2"_s, u"c3"_s}));
        const QList<QJsonObject> errors = alice.framesOfType(u"error"_s);
        QVERIFY(!errors.isEmpty()); // a token comes back each second: at most that one went through
        for (const QJsonObject &error : errors) {
            QCOMPARE(code(error), u"rate_limited"_s);
            QVERIFY(QStringList({u"c4"_s, u"c5"_s, u"c6"_s}).contains(error.value("client_id"_L1).toString()));
        }
    }

    void epochTellsHistoriesApart()
    {
        const QString database = databasePath(u"epoch"_s);
        ServerProcess server({u"--database"_s, database, u"--history"_s, u"2"_s});
        QVERIFY(server.start());
        QString epoch;
        QString earlyEpoch;
        {
            // Nothing stored yet: the epoch the room's messages will keep.
            WsClient early(true);
            QVERIFY(early.open(server.wsUrl(u"epoch"_s, u"name=early"_s)));
            earlyEpoch = waitFor(early, ofType(u"welcome"_s)).value("epoch"_L1).toString();
            WsClient alice(true);
            QVERIFY(alice.open(server.wsUrl(u"epoch"_s, u"name=alice"_s)));
            for (int i = 1; i <= 4; ++i)
                QCOMPARE(request(alice, {{"message"_L1, u"m%1"_s.arg(i)}}, u"c%1"_s.arg(i)).value("id"_L1).toInteger(),
                         i);
            WsClient again(true);
            QVERIFY(again.open(server.wsUrl(u"epoch"_s)));
            epoch = waitFor(again, ofType(u"welcome"_s)).value("epoch"_L1).toString();
            QVERIFY2(QRegularExpression(u"^[0-9a-f]{32}$"_s).match(epoch).hasMatch(), qPrintable(epoch));
            QCOMPARE(earlyEpoch, epoch);
        }
        const auto reconnect = [&](ServerProcess &daemon, const QString &query) {
            auto client = std::make_unique<WsClient>(true);
            if (!client->open(daemon.wsUrl(u"epoch"_s, query)) || waitFor(*client, ofType(u"presence"_s)).isEmpty())
                return std::unique_ptr<WsClient>();
            return client;
        };
        const auto typesOf = [](const WsClient &client) {
            QStringList types;
            for (const QJsonObject &frame : client.frames())
                types.append(frame.value("type"_L1).toString() + u' '
                             + QString::number(frame.value("id"_L1).toInteger()));
            return types;
        };
        // The one who saw the room empty comes back with its epoch: what it missed, no reset.
        auto early = reconnect(server, u"since=0&epoch="_s + earlyEpoch);
        QVERIFY(early);
        QVERIFY(early->framesOfType(u"history.reset"_s).isEmpty());
        QCOMPARE(early->framesOfType(u"chat.message"_s).size(), 4);
        // The same history: what was missed, no reset.
        auto same = reconnect(server, u"since=3&epoch="_s + epoch);
        QVERIFY(same);
        QCOMPARE(typesOf(*same), (QStringList{u"welcome 0"_s, u"chat.message 4"_s, u"presence 0"_s}));
        QCOMPARE(same->frames().first().value("epoch"_L1).toString(), epoch);
        // Another epoch: a reset right after the welcome, then the latest history as on a first join.
        auto other = reconnect(server, u"since=3&epoch=0123456789abcdef0123456789abcdef"_s);
        QVERIFY(other);
        QCOMPARE(typesOf(*other), (QStringList{u"welcome 0"_s, u"history.reset 0"_s, u"chat.message 3"_s,
                                               u"chat.message 4"_s, u"presence 0"_s}));
        const QJsonObject reset = other->frames().at(1);
        QCOMPARE(reset.value("epoch"_L1).toString(), epoch);
        QCOMPARE(reset.value("last_id"_L1).toInteger(), 4);
        QCOMPARE(reset.value("room"_L1).toString(), u"epoch"_s);
        // Beyond the last id (without an epoch, as an older client reconnects): a reset too.
        auto beyond = reconnect(server, u"since=9"_s);
        QVERIFY(beyond);
        QCOMPARE(typesOf(*beyond).at(1), u"history.reset 0"_s);
        // A tutorial-only client never gets one.
        WsClient plain;
        QVERIFY(plain.open(server.wsUrl(u"epoch"_s, u"since=9&epoch=x"_s)));
        QTRY_COMPARE(plain.chatTexts(), (QStringList{u"m3"_s, u"m4"_s}));
        QCOMPARE(server.stop(), 0);

        // A copy of the database (a restored backup) is another history.
        const QString copy = databasePath(u"epoch-restored"_s);
        QVERIFY(QFile::copy(database, copy));
        ServerProcess restored({u"--database"_s, copy, u"--history"_s, u"2"_s});
        QVERIFY(restored.start());
        auto afterRestore = reconnect(restored, u"since=4&epoch="_s + epoch);
        QVERIFY(afterRestore);
        QCOMPARE(typesOf(*afterRestore).at(1), u"history.reset 0"_s);
        QVERIFY(afterRestore->frames().first().value("epoch"_L1).toString() != epoch);
    }
};

QTEST_GUILESS_MAIN(TestConversations)
#include "tst_conversations.moc"
