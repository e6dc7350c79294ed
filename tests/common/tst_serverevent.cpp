// SPDX-License-Identifier: MIT
#include "common/serverevent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa;

namespace {

ChatMessage sampleMessage(qint64 id, const QString &text, const QString &clientId = {})
{
    ChatMessage message;
    message.id = id;
    message.room = u"雑談"_s;
    message.user = u"alice"_s;
    message.time = QDateTime(QDate(2026, 11, 24), QTime(23, 0, 0, 123), Qt::UTC);
    message.text = text;
    message.clientId = clientId;
    return message;
}

template<typename Event>
void checkRoundTrip(const Event &event)
{
    const std::optional<ServerEvent> parsed = parseServerEvent(toWire(event.toJson()));
    QVERIFY(parsed.has_value());
    QVERIFY(std::holds_alternative<Event>(*parsed));
    QVERIFY(std::get<Event>(*parsed) == event);
}

} // namespace

class TestServerEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chatMessageJson();
    void chatMessageRoundTrip();
    void errorEventJson();
    void errorEventRoundTrip_data();
    void errorEventRoundTrip();
    void ackEventJson();
    void ackEventRoundTrip();
    void historyPageJson();
    void historyPageRoundTrip();
    void historyGapJson();
    void historyGapRoundTrip();
    void welcomeJson();
    void welcomeRoundTrip();
    void welcomeRoomFields();
    void roomEvents();
    void presenceJson();
    void presenceRoundTrips();
    void typingExpiryIsClamped();
    void tutorialFrame();
    void unknownType_data();
    void unknownType();
    void notAnObject_data();
    void notAnObject();
    void wireIsCompact();
    void relationsOfAMessage();
    void relationEventsJson();
    void relationEventsRoundTrip();
    void editForTutorialClients();
    void welcomeEpoch();
    void welcomeReadId();
    void readEvent();
    void moderatorDelete();
    void moderationEvent();
};

void TestServerEvent::chatMessageJson()
{
    const QJsonObject json = sampleMessage(42, u"hello"_s, u"k1"_s).toJson();
    QCOMPARE(json.value("type"_L1).toString(), u"chat.message"_s);
    QCOMPARE(json.value("id"_L1).toInteger(), 42);
    QCOMPARE(json.value("room"_L1).toString(), u"雑談"_s);
    QCOMPARE(json.value("user"_L1).toString(), u"alice"_s);
    QCOMPARE(json.value("time"_L1).toString(), u"2026-11-24T23:00:00.123Z"_s);
    QCOMPARE(json.value("message"_L1).toString(), u"hello"_s);
    QCOMPARE(json.value("client_id"_L1).toString(), u"k1"_s);
    QVERIFY(!sampleMessage(42, u"hello"_s).toJson().contains("client_id"_L1));
}

void TestServerEvent::chatMessageRoundTrip()
{
    checkRoundTrip(sampleMessage(42, u"hello"_s));
    checkRoundTrip(sampleMessage(43, u"with \"quotes\" and \U0001F389"_s, u"6f1c0a5e"_s));
    checkRoundTrip(sampleMessage(std::numeric_limits<qint32>::max() * qint64(1024), u"big id"_s));
}

void TestServerEvent::errorEventJson()
{
    const QJsonObject json = ErrorEvent{ErrorCode::InvalidJson, u"invalid JSON at offset 1"_s, {}}.toJson();
    QCOMPARE(json.value("type"_L1).toString(), u"error"_s);
    QCOMPARE(json.value("code"_L1).toString(), u"invalid_json"_s);
    QCOMPARE(json.value("detail"_L1).toString(), u"invalid JSON at offset 1"_s);
    // Tutorial-only pages print data.message: an error must carry it.
    QCOMPARE(json.value("message"_L1).toString(), u"[error invalid_json] invalid JSON at offset 1"_s);
    QVERIFY(!json.contains("client_id"_L1));

    const QJsonObject withId = ErrorEvent{ErrorCode::RateLimited, u"slow down"_s, u"k1"_s}.toJson();
    QCOMPARE(withId.value("code"_L1).toString(), u"rate_limited"_s);
    QCOMPARE(withId.value("client_id"_L1).toString(), u"k1"_s);
    QVERIFY(withId.value("message"_L1).isString());
}

void TestServerEvent::errorEventRoundTrip_data()
{
    QTest::addColumn<int>("code");
    for (int code = int(ErrorCode::InvalidJson); code <= int(ErrorCode::Unknown); ++code)
        QTest::addRow("%s", errorCodeName(ErrorCode(code)).data()) << code;
}

void TestServerEvent::errorEventRoundTrip()
{
    QFETCH(int, code);
    const ErrorEvent event{ErrorCode(code), u"detail text"_s, code % 2 ? u"k%1"_s.arg(code) : QString()};
    QCOMPARE(errorCodeFromName(QString(errorCodeName(event.code))), event.code);
    checkRoundTrip(event);
}

void TestServerEvent::ackEventJson()
{
    const QJsonObject json = AckEvent{42, u"k1"_s, true}.toJson();
    QCOMPARE(json.value("type"_L1).toString(), u"ack"_s);
    QCOMPARE(json.value("id"_L1).toInteger(), 42);
    QCOMPARE(json.value("client_id"_L1).toString(), u"k1"_s);
    QCOMPARE(json.value("duplicate"_L1).toBool(), true);
    // Typed events carry no "message": tutorial pages would print them as "undefined".
    QVERIFY(!json.contains("message"_L1));
}

void TestServerEvent::ackEventRoundTrip()
{
    checkRoundTrip(AckEvent{42, u"k1"_s, false});
    checkRoundTrip(AckEvent{7, u"k2"_s, true});
}

void TestServerEvent::historyPageJson()
{
    const HistoryPageEvent page{u"lobby"_s, {sampleMessage(1, u"a"_s), sampleMessage(2, u"b"_s)}, true};
    const QJsonObject json = page.toJson();
    QCOMPARE(json.value("type"_L1).toString(), u"history"_s);
    QCOMPARE(json.value("room"_L1).toString(), u"lobby"_s);
    QCOMPARE(json.value("more"_L1).toBool(), true);
    const QJsonArray messages = json.value("messages"_L1).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).toObject().value("id"_L1).toInteger(), 1);
    QCOMPARE(messages.at(1).toObject().value("message"_L1).toString(), u"b"_s);
    QVERIFY(!json.contains("message"_L1));
}

void TestServerEvent::historyPageRoundTrip()
{
    checkRoundTrip(HistoryPageEvent{u"lobby"_s, {}, false});
    checkRoundTrip(HistoryPageEvent{u"lobby"_s, {sampleMessage(1, u"a"_s), sampleMessage(2, u"b"_s, u"k"_s)}, true});
}

void TestServerEvent::historyGapJson()
{
    const QJsonObject json = HistoryGapEvent{3, 120}.toJson();
    QCOMPARE(json.value("type"_L1).toString(), u"history.gap"_s);
    QCOMPARE(json.value("since"_L1).toInteger(), 3);
    QCOMPARE(json.value("first_available"_L1).toInteger(), 120);
    QVERIFY(!json.contains("message"_L1));
}

void TestServerEvent::historyGapRoundTrip()
{
    checkRoundTrip(HistoryGapEvent{3, 120});
}

void TestServerEvent::welcomeJson()
{
    const QJsonObject json = WelcomeEvent{u"lobby"_s, u"alice"_s, 41, {}}.toJson();
    QCOMPARE(json.value("type"_L1).toString(), u"welcome"_s);
    QCOMPARE(json.value("room"_L1).toString(), u"lobby"_s);
    QCOMPARE(json.value("user"_L1).toString(), u"alice"_s);
    QCOMPARE(json.value("last_id"_L1).toInteger(), 41);
    QVERIFY(!json.contains("message"_L1));
}

void TestServerEvent::welcomeRoundTrip()
{
    checkRoundTrip(WelcomeEvent{u"lobby"_s, u"alice"_s, 41, {}});
    checkRoundTrip(WelcomeEvent{u"雑談"_s, u"anonymous"_s, 0, {}});
    checkRoundTrip(WelcomeEvent{
        .room = u"club"_s, .user = u"alice"_s, .topic = u"Board games"_s, .isPrivate = true, .role = RoomRole::Owner});
    checkRoundTrip(WelcomeEvent{.room = u"dm.0123456789abcdef0123456789abcdef"_s,
                                .user = u"alice"_s,
                                .isPrivate = true,
                                .role = RoomRole::Member,
                                .direct = u"bob"_s});
}

void TestServerEvent::welcomeRoomFields()
{
    // Always a topic, a visibility and a role (null when none); "direct" only in a direct-message room.
    QJsonObject json = WelcomeEvent{u"lobby"_s, u"guest"_s, 0, {}}.toJson();
    QCOMPARE(json.value("topic"_L1).toString(u"absent"_s), QString());
    QCOMPARE(json.value("private"_L1).toBool(true), false);
    QVERIFY(json.value("role"_L1).isNull());
    QVERIFY(!json.contains("direct"_L1));
    json = WelcomeEvent{.room = u"club"_s, .role = RoomRole::Moderator, .direct = u"bob"_s}.toJson();
    QCOMPARE(json.value("role"_L1).toString(), u"moderator"_s);
    QCOMPARE(json.value("direct"_L1).toString(), u"bob"_s);
}

void TestServerEvent::roomEvents()
{
    const QJsonObject settings = RoomSettingsEvent{u"club"_s, u"Fridays"_s, true, u"(operator)"_s}.toJson();
    QCOMPARE(settings, (QJsonObject{{"type"_L1, "room.settings"_L1},
                                    {"room"_L1, "club"_L1},
                                    {"topic"_L1, "Fridays"_L1},
                                    {"private"_L1, true},
                                    {"by"_L1, "(operator)"_L1}}));
    const QJsonObject revoked = RoomRoleEvent{u"club"_s, u"bob"_s, RoomRole::None, u"alice"_s}.toJson();
    QVERIFY(revoked.value("role"_L1).isNull());
    QCOMPARE(revoked.value("user"_L1).toString(), u"bob"_s);
    checkRoundTrip(RoomSettingsEvent{u"club"_s, QString(), false, u"alice"_s});
    checkRoundTrip(RoomRoleEvent{u"club"_s, u"bob"_s, RoomRole::Moderator, u"alice"_s});
    checkRoundTrip(RoomRoleEvent{u"club"_s, u"bob"_s, RoomRole::None, u"alice"_s});
}

void TestServerEvent::tutorialFrame()
{
    const std::optional<ServerEvent> parsed = parseServerEvent(R"({"message": "x"})");
    QVERIFY(parsed.has_value());
    QVERIFY(std::holds_alternative<ChatMessage>(*parsed));
    const ChatMessage &message = std::get<ChatMessage>(*parsed);
    QCOMPARE(message.text, u"x"_s);
    QCOMPARE(message.id, 0);
    QVERIFY(message.user.isEmpty());
    QVERIFY(message.room.isEmpty());
    QVERIFY(!message.time.isValid());
    QVERIFY(message.clientId.isEmpty());
}

void TestServerEvent::unknownType_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("type");

    QTest::newRow("reaction") << R"({"type": "reaction", "users": []})"_ba << u"reaction"_s;
    QTest::newRow("receipt with message") << R"({"type": "read.receipt", "message": "x"})"_ba << u"read.receipt"_s;
    QTest::newRow("empty object") << "{}"_ba << QString();
    QTest::newRow("chat.message without message") << R"({"type": "chat.message", "id": 1})"_ba << u"chat.message"_s;
}

void TestServerEvent::unknownType()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, type);
    const std::optional<ServerEvent> parsed = parseServerEvent(frame);
    QVERIFY(parsed.has_value());
    QVERIFY(std::holds_alternative<UnknownEvent>(*parsed));
    QCOMPARE(std::get<UnknownEvent>(*parsed).type, type);
}

void TestServerEvent::notAnObject_data()
{
    QTest::addColumn<QByteArray>("frame");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << "hello"_ba;
    QTest::newRow("truncated") << R"({"message": "x")"_ba;
    QTest::newRow("array") << R"([{"message": "x"}])"_ba;
    QTest::newRow("number") << "42"_ba;
    QTest::newRow("string") << R"("x")"_ba;
}

void TestServerEvent::notAnObject()
{
    QFETCH(QByteArray, frame);
    QVERIFY(!parseServerEvent(frame).has_value());
}

void TestServerEvent::wireIsCompact()
{
    const QByteArray wire = toWire(HistoryGapEvent{3, 120}.toJson());
    QCOMPARE(wire, R"({"first_available":120,"since":3,"type":"history.gap"})"_ba);
    QVERIFY(!wire.contains('\n'));
}

void TestServerEvent::presenceJson()
{
    const QJsonObject json = PresenceEvent{u"lobby"_s, {{u"n1.1"_s, u"alice"_s}, {u"n2.4"_s, u"alice"_s}}}.toJson();
    QCOMPARE(json.value("type"_L1).toString(), u"presence"_s);
    QCOMPARE(json.value("count"_L1).toInt(), 2);
    QCOMPARE(json.value("members"_L1).toArray().at(1).toObject(),
             (QJsonObject{{"id"_L1, u"n2.4"_s}, {"user"_L1, u"alice"_s}}));
    QVERIFY(!json.contains("message"_L1)); // kaiwa.v1 only: no line for tutorial pages
    const QJsonObject typing = TypingEvent{u"lobby"_s, {u"n1.1"_s, u"bob"_s}, 5000}.toJson();
    QCOMPARE(typing.value("type"_L1).toString(), u"typing"_s);
    QCOMPARE(typing.value("expires_in_ms"_L1).toInt(), 5000);
    QCOMPARE(typing.value("member"_L1).toObject().value("user"_L1).toString(), u"bob"_s);
    const Member bob{u"n1.1"_s, u"bob"_s};
    QCOMPARE((MemberJoinedEvent{u"lobby"_s, bob}).toJson().value("type"_L1).toString(), u"member.joined"_s);
    QCOMPARE((MemberLeftEvent{u"lobby"_s, bob}).toJson().value("type"_L1).toString(), u"member.left"_s);
    const WelcomeEvent welcome{u"lobby"_s, u"bob"_s, 3, u"n1.1"_s};
    QCOMPARE(welcome.toJson().value("member_id"_L1).toString(), u"n1.1"_s);
    const WelcomeEvent oldWelcome{u"lobby"_s, u"bob"_s, 3, {}};
    QVERIFY(!oldWelcome.toJson().contains("member_id"_L1));
}

void TestServerEvent::presenceRoundTrips()
{
    checkRoundTrip(PresenceEvent{u"雑談"_s, {{u"n1.1"_s, u"太郎"_s}, {u"n1.2"_s, u"<b>x</b>"_s}}});
    checkRoundTrip(PresenceEvent{u"lobby"_s, {}});
    checkRoundTrip(MemberJoinedEvent{u"lobby"_s, {u"n1.1"_s, u"alice"_s}});
    checkRoundTrip(MemberLeftEvent{u"lobby"_s, {u"n1.1"_s, u"alice"_s}});
    checkRoundTrip(TypingEvent{u"lobby"_s, {u"n1.1"_s, u"alice"_s}, 5000});
    checkRoundTrip(TypingEvent{u"lobby"_s, {u"n1.1"_s, u"alice"_s}, 0});
    checkRoundTrip(WelcomeEvent{u"lobby"_s, u"alice"_s, 41, u"n1.1"_s});
}

void TestServerEvent::typingExpiryIsClamped()
{
    const auto parsed =
        parseServerEvent(R"({"type": "typing", "member": {"id": "a.1", "user": "x"}, "expires_in_ms": 1e12})"_ba);
    QVERIFY(parsed && std::holds_alternative<TypingEvent>(*parsed));
    QCOMPARE(std::get<TypingEvent>(*parsed).expiresInMs, 60000);
    const auto negative = parseServerEvent(R"({"type": "typing", "member": {"id": "a.1"}, "expires_in_ms": -5})"_ba);
    QCOMPARE(std::get<TypingEvent>(*negative).expiresInMs, 0);
}

void TestServerEvent::relationsOfAMessage()
{
    ChatMessage message = sampleMessage(43, u"@bob yes"_s);
    message.replyTo = ReplyQuote{42, u"bob"_s, u"shall we?"_s, false};
    message.mentions = QStringList{u"bob"_s};
    message.edited = QDateTime(QDate(2026, 11, 25), QTime(8, 0, 0, 5), Qt::UTC);
    message.reactions = {ReactionSummary{u"👍"_s, 3, {u"alice"_s, u"bob"_s, u"雑談係"_s}},
                         ReactionSummary{u"🎉"_s, 1, {u"cho"_s}}};
    const QJsonObject json = message.toJson();
    QCOMPARE(json.value("reply_to"_L1).toObject().value("id"_L1).toInteger(), 42);
    QCOMPARE(json.value("reply_to"_L1).toObject().value("excerpt"_L1).toString(), u"shall we?"_s);
    QCOMPARE(json.value("mentions"_L1).toArray().first().toString(), u"bob"_s);
    QCOMPARE(json.value("edited"_L1).toString(), u"2026-11-25T08:00:00.005Z"_s);
    QCOMPARE(json.value("reactions"_L1).toArray().at(0).toObject().value("count"_L1).toInt(), 3);
    QVERIFY(!json.contains("deleted"_L1));
    checkRoundTrip(message);

    // A tombstone: no text, and the fields of a plain message stay absent.
    ChatMessage tombstone = sampleMessage(44, QString());
    tombstone.deleted = true;
    QCOMPARE(tombstone.toJson().value("deleted"_L1).toBool(), true);
    QVERIFY(!tombstone.toJson().contains("edited"_L1));
    checkRoundTrip(tombstone);

    // A plain message is exactly what it was before relations existed.
    const QJsonObject plain = sampleMessage(45, u"hi"_s).toJson();
    for (const auto key : {"reply_to"_L1, "mentions"_L1, "edited"_L1, "deleted"_L1, "reactions"_L1})
        QVERIFY2(!plain.contains(key), key.data());
}

void TestServerEvent::relationEventsJson()
{
    const QDateTime time(QDate(2026, 12, 7), QTime(10, 0, 0, 0), Qt::UTC);
    const QJsonObject edit =
        ChatEditEvent{57, u"lobby"_s, 42, u"new text"_s, u"alice"_s, time, {u"bob"_s}, true, false, u"c1"_s}.toJson();
    QCOMPARE(edit.value("type"_L1).toString(), u"chat.edit"_s);
    QCOMPARE(edit.value("id"_L1).toInteger(), 57);
    QCOMPARE(edit.value("target"_L1).toInteger(), 42);
    QCOMPARE(edit.value("message"_L1).toString(), u"new text"_s);
    QCOMPARE(edit.value("user"_L1).toString(), u"alice"_s);
    QCOMPARE(edit.value("time"_L1).toString(), u"2026-12-07T10:00:00.000Z"_s);
    QCOMPARE(edit.value("client_id"_L1).toString(), u"c1"_s);
    QVERIFY(!edit.contains("deleted"_L1));

    const QJsonObject removal = ChatDeleteEvent{58, u"lobby"_s, 42, u"alice"_s, time, false, {}}.toJson();
    QCOMPARE(removal.value("type"_L1).toString(), u"chat.delete"_s);
    QCOMPARE(removal.value("target"_L1).toInteger(), 42);
    QCOMPARE(removal.value("moderator"_L1).toBool(true), false);
    QVERIFY(!removal.contains("client_id"_L1));
    // Typed events carry no "message" where they have no text: a tutorial page would print junk.
    QVERIFY(!removal.contains("message"_L1));

    const QJsonObject reaction = ChatReactionEvent{59, u"lobby"_s, 42, u"👍"_s, u"bob"_s, false, time, {}}.toJson();
    QCOMPARE(reaction.value("type"_L1).toString(), u"chat.reaction"_s);
    QCOMPARE(reaction.value("emoji"_L1).toString(), u"👍"_s);
    QCOMPARE(reaction.value("added"_L1).toBool(true), false);
    QVERIFY(!reaction.contains("message"_L1));

    const QJsonObject reset = HistoryResetEvent{u"lobby"_s, u"0123abcd"_s, 77}.toJson();
    QCOMPARE(reset.value("type"_L1).toString(), u"history.reset"_s);
    QCOMPARE(reset.value("epoch"_L1).toString(), u"0123abcd"_s);
    QCOMPARE(reset.value("last_id"_L1).toInteger(), 77);
    QVERIFY(!reset.contains("message"_L1));
}

void TestServerEvent::relationEventsRoundTrip()
{
    const QDateTime time(QDate(2026, 12, 7), QTime(10, 0, 0, 250), Qt::UTC);
    checkRoundTrip(ChatEditEvent{57, u"雑談"_s, 42, u"直した"_s, u"alice"_s, time, {u"bob"_s}, true, false, u"c"_s});
    checkRoundTrip(ChatEditEvent{60, u"lobby"_s, 42, QString(), u"alice"_s, time, {}, false, true, {}});
    checkRoundTrip(ChatDeleteEvent{58, u"lobby"_s, 42, u"alice"_s, time, true, u"d"_s});
    checkRoundTrip(ChatReactionEvent{59, u"lobby"_s, 42, u"👨‍👩‍👧"_s, u"bob"_s, true, time, {}});
    checkRoundTrip(ChatReactionEvent{61, u"lobby"_s, 42, u"👍"_s, u"bob"_s, false, time, u"r"_s});
    checkRoundTrip(HistoryResetEvent{u"lobby"_s, u"e1"_s, 3});
}

void TestServerEvent::editForTutorialClients()
{
    // A tutorial page prints data.message: an edit must arrive as a line that says it is one.
    const ChatEditEvent edit{
        57,    u"lobby"_s, 42, u"fixed typo"_s, u"alice"_s, QDateTime(QDate(2026, 12, 7), QTime(10, 0), Qt::UTC), {},
        false, false,      {}};
    const QJsonObject line = edit.tutorialJson();
    QCOMPARE(line.value("message"_L1).toString(), u"✎ fixed typo"_s);
    QCOMPARE(line.value("type"_L1).toString(), u"chat.message"_s);
    QCOMPARE(line.value("id"_L1).toInteger(), 57);
    QCOMPARE(line.value("edit_of"_L1).toInteger(), 42);
    QCOMPARE(line.value("user"_L1).toString(), u"alice"_s);
}

void TestServerEvent::welcomeEpoch()
{
    const WelcomeEvent welcome{u"lobby"_s, u"bob"_s, 3, u"n1.1"_s, u"9f86d081884c7d65"_s};
    QCOMPARE(welcome.toJson().value("epoch"_L1).toString(), u"9f86d081884c7d65"_s);
    checkRoundTrip(welcome);
    QVERIFY(!WelcomeEvent{}.toJson().contains("epoch"_L1));
}

void TestServerEvent::welcomeReadId()
{
    const WelcomeEvent signedIn{u"lobby"_s, u"alice"_s, 41, u"n1.1"_s, u"e"_s, 38};
    QCOMPARE(signedIn.toJson().value("read_id"_L1).toInteger(-1), 38);
    checkRoundTrip(signedIn);
    // A marker at 0 (the room was empty on the first join) is still a marker; anonymous welcomes have none.
    const WelcomeEvent empty{.lastId = 0, .readId = 0};
    QCOMPARE(empty.toJson().value("read_id"_L1).toInteger(-1), 0);
    checkRoundTrip(WelcomeEvent{u"lobby"_s, u"alice"_s, 0, u"n1.1"_s, u"e"_s, 0});
    QVERIFY(!WelcomeEvent{}.toJson().contains("read_id"_L1));
    checkRoundTrip(WelcomeEvent{u"lobby"_s, u"guest"_s, 4, u"n1.2"_s, u"e"_s, std::nullopt});
}

void TestServerEvent::readEvent()
{
    const ReadEvent event{u"雑談"_s, 57};
    QCOMPARE(toWire(event.toJson()), R"({"id":57,"room":"雑談","type":"read"})"_ba);
    checkRoundTrip(event);
    QVERIFY(!event.toJson().contains("message"_L1)); // kaiwa.v1 only
}

void TestServerEvent::moderatorDelete()
{
    const QDateTime time(QDate(2026, 12, 7), QTime(10, 0), Qt::UTC);
    // Someone else than the author: "by" names the moderator; the author's own delete has no "by".
    const QJsonObject byModerator = ChatDeleteEvent{58, u"lobby"_s, 42, u"mo"_s, time, true, {}}.toJson();
    QCOMPARE(byModerator.value("moderator"_L1).toBool(), true);
    QCOMPARE(byModerator.value("by"_L1).toString(), u"mo"_s);
    const QJsonObject byAuthor = ChatDeleteEvent{58, u"lobby"_s, 42, u"alice"_s, time, false, {}}.toJson();
    QVERIFY(!byAuthor.contains("by"_L1));
}

void TestServerEvent::moderationEvent()
{
    const QDateTime until(QDate(2026, 12, 7), QTime(11, 30), Qt::UTC);
    const ModerationEvent ban{u"lobby"_s, u"ban"_s, u"guest"_s, u"n1.4"_s, u"mo"_s, u"spam"_s, until};
    QCOMPARE(toWire(ban.toJson()),
             R"({"action":"ban","by":"mo","member_id":"n1.4","reason":"spam","room":"lobby","type":"moderation",)"
             R"("until":"2026-12-07T11:30:00.000Z","user":"guest"})"_ba);
    checkRoundTrip(ban);
    // Until lifted, and for an account: "until" is null, no member_id.
    const ModerationEvent kick{u"lobby"_s, u"kick"_s, u"bob"_s, {}, u"mo"_s, {}, {}};
    QVERIFY(kick.toJson().value("until"_L1).isNull());
    QVERIFY(!kick.toJson().contains("member_id"_L1));
    QVERIFY(!kick.toJson().contains("message"_L1)); // kaiwa.v1 only
    checkRoundTrip(kick);
    // A mute's refusal says until when.
    const ErrorEvent muted{ErrorCode::Muted, u"muted"_s, u"c"_s, until};
    QCOMPARE(muted.toJson().value("until"_L1).toString(), u"2026-12-07T11:30:00.000Z"_s);
    QCOMPARE(muted.toJson().value("code"_L1).toString(), u"muted"_s);
    checkRoundTrip(muted);
    const ErrorEvent mutedForever{ErrorCode::Muted, u"muted"_s};
    QVERIFY(!mutedForever.toJson().contains("until"_L1));
}

QTEST_GUILESS_MAIN(TestServerEvent)
#include "tst_serverevent.moc"
