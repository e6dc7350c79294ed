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
#include <QTemporaryDir>
#include <QTest>

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
    const auto response =
        HttpExchange::run(port, "POST", "/login",
                          "Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n",
                          "name=" + name + "&password=" + s_password.toPercentEncoding());
    return QJsonDocument::fromJson(response.body).object().value("token"_L1).toString().toLatin1();
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
        const QJsonObject tutorialEdit = waitFor(tutorial, [](const QJsonObject &frame) {
            return frame.value("edit_of"_L1).toInteger() > 0;
        });
        QCOMPARE(tutorialEdit.value("message"_L1).toString(), u"✎ hello @bob, the secret is sword fish"_s);
        QCOMPARE(tutorialEdit.value("type"_L1).toString(), u"chat.message"_s);

        // Someone else may not edit it, nor delete it; the connection stays open.
        const QJsonObject forbidden = request(bob, edit(original, u"bob was here"_s), u"b0"_s);
        QCOMPARE(code(forbidden), u"forbidden"_s);
        QVERIFY(!forbidden.value("detail"_L1).toString().isEmpty());
        QCOMPARE(code(request(bob, remove(original), u"b0d"_s)), u"forbidden"_s);

        // A reply carries a quote of the current text.
        const QJsonObject replied = request(bob, {{"message"_L1, u"what secret?"_s}, {"reply_to"_L1, original}}, u"b1"_s);
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

        const qint64 signedMessage = request(laptop, {{"message"_L1, u"from the laptop"_s}}, u"l1"_s).value("id"_L1).toInteger();
        QVERIFY(signedMessage > 0);
        QCOMPARE(code(request(impostor, edit(signedMessage, u"not mine"_s), u"i1"_s)), u"forbidden"_s);
        // The account edits and deletes its message from any device.
        QCOMPARE(request(phone, edit(signedMessage, u"from the phone"_s), u"p1"_s).value("type"_L1).toString(), u"ack"_s);
        QCOMPARE(waitFor(laptop, ofType(u"chat.edit"_s)).value("verified"_L1).toBool(), true);

        // An anonymous message belongs to the connection that sent it, not to its name.
        const qint64 anonymous = request(impostor, {{"message"_L1, u"anonymous"_s}}, u"i2"_s).value("id"_L1).toInteger();
        WsClient sameName(true);
        QVERIFY(sameName.open(server->wsUrl(room, u"name=alice"_s)));
        QCOMPARE(code(request(sameName, remove(anonymous), u"s1"_s)), u"forbidden"_s);
        QCOMPARE(code(request(laptop, remove(anonymous), u"l2"_s)), u"forbidden"_s);
        QCOMPARE(request(impostor, remove(anonymous), u"i3"_s).value("type"_L1).toString(), u"ack"_s);
        QCOMPARE(request(laptop, remove(signedMessage), u"l3"_s).value("type"_L1).toString(), u"ack"_s);
    }
};

QTEST_GUILESS_MAIN(TestConversations)
#include "tst_conversations.moc"
