// SPDX-License-Identifier: MIT
#include "common/clientrequest.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa;

Q_DECLARE_METATYPE(Kaiwa::ErrorCode)

class TestClientRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void errors_data();
    void errors();
    void errorsNameTheirRequest();
    void chatSend_data();
    void chatSend();
    void history_data();
    void history();
    void encodeChatSend();
    void encodeHistory();
    void typing();
    void relations_data();
    void relations();
    void roundTripRelations_data();
    void roundTripRelations();
    void roundTripChatSend_data();
    void roundTripChatSend();
    void roundTripHistory_data();
    void roundTripHistory();
};

void TestClientRequest::errors_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<ErrorCode>("code");

    QTest::newRow("empty frame") << QByteArray() << ErrorCode::InvalidJson;
    QTest::newRow("not JSON") << "hello"_ba << ErrorCode::InvalidJson;
    QTest::newRow("truncated object") << R"({"message": "hi")"_ba << ErrorCode::InvalidJson;
    QTest::newRow("trailing garbage") << R"({"message": "hi"} x)"_ba << ErrorCode::InvalidJson;
    QTest::newRow("single quotes") << "{'message': 'hi'}"_ba << ErrorCode::InvalidJson;
    QTest::newRow("invalid UTF-8") << "{\"message\": \"\xff\"}"_ba << ErrorCode::InvalidJson;

    QTest::newRow("array") << R"(["message"])"_ba << ErrorCode::NotAnObject;
    QTest::newRow("empty array") << "[]"_ba << ErrorCode::NotAnObject;
    QTest::newRow("number") << "42"_ba << ErrorCode::NotAnObject;
    QTest::newRow("string") << R"("hello")"_ba << ErrorCode::NotAnObject;
    QTest::newRow("null") << "null"_ba << ErrorCode::NotAnObject;
    QTest::newRow("true with spaces") << " true "_ba << ErrorCode::NotAnObject;
    QTest::newRow("two numbers") << "1, 2"_ba << ErrorCode::InvalidJson;

    QTest::newRow("empty object") << "{}"_ba << ErrorCode::MissingMessage;
    QTest::newRow("other field") << R"({"text": "hi"})"_ba << ErrorCode::MissingMessage;
    QTest::newRow("chat type without message") << R"({"type": "chat.message"})"_ba << ErrorCode::MissingMessage;

    QTest::newRow("number message") << R"({"message": 42})"_ba << ErrorCode::InvalidMessage;
    QTest::newRow("null message") << R"({"message": null})"_ba << ErrorCode::InvalidMessage;
    QTest::newRow("object message") << R"({"message": {"text": "hi"}})"_ba << ErrorCode::InvalidMessage;
    QTest::newRow("array message") << R"({"message": ["hi"]})"_ba << ErrorCode::InvalidMessage;
    QTest::newRow("bool message") << R"({"message": true})"_ba << ErrorCode::InvalidMessage;

    // A lone surrogate is not a character: UTF-8 cannot carry it, so live and stored copies would differ.
    QTest::newRow("lone high surrogate") << R"({"message": "\ud800x"})"_ba << ErrorCode::InvalidMessage;
    QTest::newRow("lone low surrogate") << R"({"message": "a\udc00"})"_ba << ErrorCode::InvalidMessage;
    QTest::newRow("surrogate at the end") << R"({"message": "hi \ud83d"})"_ba << ErrorCode::InvalidMessage;
    QTest::newRow("reversed pair") << R"({"message": "\ude00\ud83d"})"_ba << ErrorCode::InvalidMessage;
    QTest::newRow("lone surrogate alone") << R"({"message": "\udfff"})"_ba << ErrorCode::InvalidMessage;

    QTest::newRow("empty message") << R"({"message": ""})"_ba << ErrorCode::EmptyMessage;
    QTest::newRow("space message") << R"({"message": "   "})"_ba << ErrorCode::EmptyMessage;
    QTest::newRow("whitespace message") << R"({"message": " \n\t\r "})"_ba << ErrorCode::EmptyMessage;
    QTest::newRow("ideographic space message") << "{\"message\": \"\u3000\"}"_ba << ErrorCode::EmptyMessage;

    QTest::newRow("unknown type") << R"({"type": "presence", "message": "hi"})"_ba << ErrorCode::UnknownType;
    QTest::newRow("empty type") << R"({"type": "", "message": "hi"})"_ba << ErrorCode::UnknownType;
    QTest::newRow("number type") << R"({"type": 1, "message": "hi"})"_ba << ErrorCode::UnknownType;
    QTest::newRow("null type") << R"({"type": null, "message": "hi"})"_ba << ErrorCode::UnknownType;
    QTest::newRow("type case matters") << R"({"type": "History"})"_ba << ErrorCode::UnknownType;

    QTest::newRow("number client_id") << R"({"message": "hi", "client_id": 7})"_ba << ErrorCode::InvalidField;
    QTest::newRow("null client_id") << R"({"message": "hi", "client_id": null})"_ba << ErrorCode::InvalidField;
    QTest::newRow("empty client_id") << R"({"message": "hi", "client_id": ""})"_ba << ErrorCode::InvalidField;
    QTest::newRow("65-character client_id")
        << R"({"message": "hi", "client_id": ")"_ba + QByteArray(65, 'c') + R"("})"_ba << ErrorCode::InvalidField;
    // Characters, not UTF-16 units: 65 characters outside the BMP are 130 units.
    QTest::newRow("65 emoji client_id") << R"({"message": "hi", "client_id": ")"_ba
                                               + u"\U0001F389"_s.repeated(65).toUtf8() + R"("})"_ba
                                        << ErrorCode::InvalidField;
    QTest::newRow("lone surrogate client_id")
        << R"({"message": "hi", "client_id": "id\ud800"})"_ba << ErrorCode::InvalidField;

    QTest::newRow("negative before") << R"({"type": "history", "before": -1})"_ba << ErrorCode::InvalidField;
    QTest::newRow("fractional before") << R"({"type": "history", "before": 1.5})"_ba << ErrorCode::InvalidField;
    QTest::newRow("string before") << R"({"type": "history", "before": "12"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("huge before") << R"({"type": "history", "before": 1e300})"_ba << ErrorCode::InvalidField;
    QTest::newRow("huge negative before") << R"({"type": "history", "before": -1e300})"_ba << ErrorCode::InvalidField;
    QTest::newRow("before over 2^63") << R"({"type": "history", "before": 9223372036854775808})"_ba
                                      << ErrorCode::InvalidField;
    QTest::newRow("bool before") << R"({"type": "history", "before": true})"_ba << ErrorCode::InvalidField;
    QTest::newRow("limit 0") << R"({"type": "history", "limit": 0})"_ba << ErrorCode::InvalidField;
    QTest::newRow("limit 501") << R"({"type": "history", "limit": 501})"_ba << ErrorCode::InvalidField;
    QTest::newRow("negative limit") << R"({"type": "history", "limit": -5})"_ba << ErrorCode::InvalidField;
    QTest::newRow("fractional limit") << R"({"type": "history", "limit": 10.5})"_ba << ErrorCode::InvalidField;
    QTest::newRow("string limit") << R"({"type": "history", "limit": "10"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("huge limit") << R"({"type": "history", "limit": 1e20})"_ba << ErrorCode::InvalidField;

    // Replies, edits, deletes, reactions (docs/protocol.md).
    QTest::newRow("string reply_to") << R"({"message": "hi", "reply_to": "42"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("negative reply_to") << R"({"message": "hi", "reply_to": -1})"_ba << ErrorCode::InvalidField;
    QTest::newRow("fractional reply_to") << R"({"message": "hi", "reply_to": 4.2})"_ba << ErrorCode::InvalidField;
    QTest::newRow("edit without id") << R"({"type": "edit", "message": "x"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("edit of id 0") << R"({"type": "edit", "id": 0, "message": "x"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("edit of string id") << R"({"type": "edit", "id": "4", "message": "x"})"_ba
                                       << ErrorCode::InvalidField;
    QTest::newRow("edit without text") << R"({"type": "edit", "id": 4})"_ba << ErrorCode::MissingMessage;
    QTest::newRow("edit to a number") << R"({"type": "edit", "id": 4, "message": 5})"_ba << ErrorCode::InvalidMessage;
    QTest::newRow("edit to nothing") << R"({"type": "edit", "id": 4, "message": "  "})"_ba << ErrorCode::EmptyMessage;
    QTest::newRow("edit to a lone surrogate")
        << R"({"type": "edit", "id": 4, "message": "\ud800"})"_ba << ErrorCode::InvalidMessage;
    QTest::newRow("edit with bad client_id")
        << R"({"type": "edit", "id": 4, "message": "x", "client_id": 1})"_ba << ErrorCode::InvalidField;
    QTest::newRow("delete without id") << R"({"type": "delete"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("delete of a huge id") << R"({"type": "delete", "id": 1e300})"_ba << ErrorCode::InvalidField;
    QTest::newRow("delete of a bool") << R"({"type": "delete", "id": true})"_ba << ErrorCode::InvalidField;
    QTest::newRow("react without emoji") << R"({"type": "react", "id": 4})"_ba << ErrorCode::InvalidField;
    QTest::newRow("react with a number") << R"({"type": "react", "id": 4, "emoji": 128077})"_ba
                                         << ErrorCode::InvalidField;
    QTest::newRow("react without id") << R"({"type": "react", "emoji": "x"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("unreact without emoji") << R"({"type": "unreact", "id": 4})"_ba << ErrorCode::InvalidField;
    QTest::newRow("reaction type is lower case")
        << R"({"type": "React", "id": 4, "emoji": "x"})"_ba << ErrorCode::UnknownType;
    QTest::newRow("read without id") << R"({"type": "read"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("read of id 0") << R"({"type": "read", "id": 0})"_ba << ErrorCode::InvalidField;
    QTest::newRow("read of a negative id") << R"({"type": "read", "id": -3})"_ba << ErrorCode::InvalidField;
    QTest::newRow("read of a string id") << R"({"type": "read", "id": "57"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("read of a fraction") << R"({"type": "read", "id": 5.5})"_ba << ErrorCode::InvalidField;
    QTest::newRow("read of a huge id") << R"({"type": "read", "id": 1e300})"_ba << ErrorCode::InvalidField;
    // Moderation (docs/protocol.md, "Moderation").
    QTest::newRow("kick without user") << R"({"type": "kick"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("kick of an empty user") << R"({"type": "kick", "user": ""})"_ba << ErrorCode::InvalidField;
    QTest::newRow("kick of a number") << R"({"type": "kick", "user": 3})"_ba << ErrorCode::InvalidField;
    QTest::newRow("kick with a numeric reason")
        << R"({"type": "kick", "user": "bob", "reason": 4})"_ba << ErrorCode::InvalidField;
    QTest::newRow("reason over 200 characters")
        << QByteArray(R"({"type": "kick", "user": "bob", "reason": ")" + QByteArray(201, 'x') + R"("})")
        << ErrorCode::InvalidField;
    QTest::newRow("ban for 0 minutes") << R"({"type": "ban", "user": "bob", "minutes": 0})"_ba
                                       << ErrorCode::InvalidField;
    QTest::newRow("ban for over a year") << R"({"type": "ban", "user": "bob", "minutes": 525601})"_ba
                                         << ErrorCode::InvalidField;
    QTest::newRow("mute for a fraction") << R"({"type": "mute", "user": "bob", "minutes": 1.5})"_ba
                                         << ErrorCode::InvalidField;
    QTest::newRow("mute for a string") << R"({"type": "mute", "user": "bob", "minutes": "5"})"_ba
                                       << ErrorCode::InvalidField;
    QTest::newRow("unban without user") << R"({"type": "unban"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("moderation type is lower case") << R"({"type": "Kick", "user": "bob"})"_ba << ErrorCode::UnknownType;
    QTest::newRow("room.set of nothing") << R"({"type": "room.set"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("room.set of a number topic") << R"({"type": "room.set", "topic": 5})"_ba << ErrorCode::InvalidField;
    QTest::newRow("room.set of a control character")
        << R"({"type": "room.set", "topic": "a\u0007"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("room.set of a long topic")
        << QByteArray(R"({"type": "room.set", "topic": ")" + QByteArray(301, 'x') + R"("})") << ErrorCode::InvalidField;
    QTest::newRow("room.set of a string private")
        << R"({"type": "room.set", "private": "yes"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("grant of no role") << R"({"type": "grant", "user": "bob"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("grant of an unknown role")
        << R"({"type": "grant", "user": "bob", "role": "admin"})"_ba << ErrorCode::InvalidField;
    QTest::newRow("grant to nobody") << R"({"type": "grant", "user": "", "role": "member"})"_ba
                                     << ErrorCode::InvalidField;
    QTest::newRow("revoke of a number") << R"({"type": "revoke", "user": 3})"_ba << ErrorCode::InvalidField;
}

void TestClientRequest::errors()
{
    QFETCH(QByteArray, frame);
    QFETCH(ErrorCode, code);
    const ClientRequest request = parseClientRequest(frame);
    const auto *error = std::get_if<ProtocolError>(&request);
    QVERIFY2(error, "expected a ProtocolError");
    QCOMPARE(error->code, code);
    QVERIFY(!error->detail.isEmpty());
}

void TestClientRequest::errorsNameTheirRequest()
{
    // A refused request with a valid client_id: the error carries it, so the client knows which one failed.
    const ClientRequest badId =
        parseClientRequest(R"({"type": "edit", "id": "42", "message": "x", "client_id": "e1"})");
    QCOMPARE(std::get<ProtocolError>(badId).code, ErrorCode::InvalidField);
    QCOMPARE(std::get<ProtocolError>(badId).clientId, u"e1"_s);
    const ClientRequest badEmoji = parseClientRequest(R"({"type": "react", "id": 4, "emoji": 5, "client_id": "r1"})");
    QCOMPARE(std::get<ProtocolError>(badEmoji).clientId, u"r1"_s);
    const ClientRequest badRole =
        parseClientRequest(R"({"type": "grant", "user": "bob", "role": "king", "client_id": "g1"})");
    QCOMPARE(std::get<ProtocolError>(badRole).clientId, u"g1"_s);
    // An invalid client_id names nothing.
    const ClientRequest badClientId = parseClientRequest(R"({"message": "x", "client_id": 7})");
    QCOMPARE(std::get<ProtocolError>(badClientId).clientId, QString());
}

void TestClientRequest::chatSend_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("clientId");

    QTest::newRow("tutorial") << R"({"message": "hello"})"_ba << u"hello"_s << QString();
    QTest::newRow("typed") << R"({"type": "chat.message", "message": "hello"})"_ba << u"hello"_s << QString();
    QTest::newRow("client_id") << R"({"message": "hello", "client_id": "6f1c0a5e"})"_ba << u"hello"_s << u"6f1c0a5e"_s;
    QTest::newRow("64-character client_id")
        << R"({"message": "hi", "client_id": ")"_ba + QByteArray(64, 'c') + R"("})"_ba << u"hi"_s << QString(64, u'c');
    // 64 characters outside the BMP: 128 UTF-16 units, within the limit of 64 characters.
    QTest::newRow("64 emoji client_id") << R"({"message": "hi", "client_id": ")"_ba
                                               + u"\U0001F389"_s.repeated(64).toUtf8() + R"("})"_ba
                                        << u"hi"_s << u"\U0001F389"_s.repeated(64);
    QTest::newRow("escaped surrogate pair") << R"({"message": "\ud83d\ude00!"})"_ba << u"\U0001F600!"_s << QString();
    QTest::newRow("text not trimmed") << R"({"message": "  hi  "})"_ba << u"  hi  "_s << QString();
    QTest::newRow("unicode") << R"({"message": "\u96d1\u8ac7 \ud83c\udf89"})"_ba << u"雑談 \U0001F389"_s << QString();
    QTest::newRow("extra fields ignored")
        << R"({"message": "hi", "user": "mallory", "id": 9})"_ba << u"hi"_s << QString();
    QTest::newRow("leading white space") << " \n{\"message\": \"hi\"}\n"_ba << u"hi"_s << QString();
}

void TestClientRequest::chatSend()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, text);
    QFETCH(QString, clientId);
    const ClientRequest request = parseClientRequest(frame);
    const auto *send = std::get_if<ChatSend>(&request);
    QVERIFY2(send, "expected a ChatSend");
    QCOMPARE(send->text, text);
    QCOMPARE(send->clientId, clientId);
}

void TestClientRequest::history_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<qint64>("before");
    QTest::addColumn<int>("limit");

    QTest::newRow("defaults") << R"({"type": "history"})"_ba << qint64(0) << 50;
    QTest::newRow("null fields are defaults")
        << R"({"type": "history", "before": null, "limit": null})"_ba << qint64(0) << 50;
    QTest::newRow("before") << R"({"type": "history", "before": 120})"_ba << qint64(120) << 50;
    QTest::newRow("before 0") << R"({"type": "history", "before": 0})"_ba << qint64(0) << 50;
    QTest::newRow("both") << R"({"type": "history", "before": 120, "limit": 20})"_ba << qint64(120) << 20;
    QTest::newRow("limit 1") << R"({"type": "history", "limit": 1})"_ba << qint64(0) << 1;
    QTest::newRow("limit 500") << R"({"type": "history", "limit": 500})"_ba << qint64(0) << 500;
    QTest::newRow("integral float") << R"({"type": "history", "limit": 10.0})"_ba << qint64(0) << 10;
    QTest::newRow("exponent") << R"({"type": "history", "before": 1e3})"_ba << qint64(1000) << 50;
    QTest::newRow("large id") << R"({"type": "history", "before": 4000000000})"_ba << qint64(4000000000) << 50;
    QTest::newRow("message ignored") << R"({"type": "history", "message": "hi"})"_ba << qint64(0) << 50;
}

void TestClientRequest::history()
{
    QFETCH(QByteArray, frame);
    QFETCH(qint64, before);
    QFETCH(int, limit);
    const ClientRequest request = parseClientRequest(frame);
    const auto *history = std::get_if<HistoryRequest>(&request);
    QVERIFY2(history, "expected a HistoryRequest");
    QCOMPARE(history->before, before);
    QCOMPARE(history->limit, limit);
}

void TestClientRequest::encodeChatSend()
{
    QCOMPARE(encodeClientRequest(ChatSend{u"hello"_s, {}}), R"({"message":"hello"})"_ba);
    QCOMPARE(encodeClientRequest(ChatSend{u"hello"_s, u"k1"_s}), R"({"client_id":"k1","message":"hello"})"_ba);
}

void TestClientRequest::encodeHistory()
{
    QCOMPARE(encodeClientRequest(HistoryRequest{}), R"({"limit":50,"type":"history"})"_ba);
    QCOMPARE(encodeClientRequest(HistoryRequest{120, 20}), R"({"before":120,"limit":20,"type":"history"})"_ba);
}

void TestClientRequest::roundTripChatSend_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("clientId");

    QTest::newRow("plain") << u"hello"_s << QString();
    QTest::newRow("client id") << u"hello"_s << u"6f1c0a5e-0000-4000-8000-000000000000"_s;
    QTest::newRow("quotes and backslashes") << uR"(say "hi" \o/)"_s << QString();
    QTest::newRow("control characters") << u"line 1\nline 2\t\x01"_s << u"k"_s;
    QTest::newRow("unicode") << u"雑談 Раздел \U0001F389"_s << u"雑"_s;
    QTest::newRow("html") << u"<script>alert(1)</script>"_s << QString();
    QTest::newRow("long") << QString(10000, u'x') << QString(64, u'c');
}

void TestClientRequest::roundTripChatSend()
{
    QFETCH(QString, text);
    QFETCH(QString, clientId);
    const ChatSend sent{text, clientId};
    const ClientRequest parsed = parseClientRequest(encodeClientRequest(sent));
    QVERIFY(std::holds_alternative<ChatSend>(parsed));
    QCOMPARE(std::get<ChatSend>(parsed), sent);
}

void TestClientRequest::roundTripHistory_data()
{
    QTest::addColumn<qint64>("before");
    QTest::addColumn<int>("limit");

    QTest::newRow("defaults") << qint64(0) << 50;
    QTest::newRow("before") << qint64(120) << 20;
    QTest::newRow("limits") << qint64(1) << 1;
    QTest::newRow("max page") << qint64(99999999999) << 500;
}

void TestClientRequest::roundTripHistory()
{
    QFETCH(qint64, before);
    QFETCH(int, limit);
    const HistoryRequest sent{before, limit};
    const ClientRequest parsed = parseClientRequest(encodeClientRequest(sent));
    QVERIFY(std::holds_alternative<HistoryRequest>(parsed));
    QCOMPARE(std::get<HistoryRequest>(parsed), sent);
}

void TestClientRequest::typing()
{
    QVERIFY(std::holds_alternative<TypingRequest>(parseClientRequest(R"({"type": "typing"})"_ba)));
    // Extra fields are ignored, "message" included: it is not a chat message.
    QVERIFY(std::holds_alternative<TypingRequest>(parseClientRequest(R"({"type": "typing", "message": "x"})"_ba)));
    QCOMPARE(encodeClientRequest(TypingRequest{}), R"({"type":"typing"})"_ba);
    QVERIFY(std::holds_alternative<TypingRequest>(parseClientRequest(encodeClientRequest(TypingRequest{}))));
}

namespace {
/// The request encoded again; empty for a ProtocolError.
QByteArray reencode(const ClientRequest &request)
{
    return std::visit(
        [](const auto &parsed) -> QByteArray {
            if constexpr (std::is_same_v<std::decay_t<decltype(parsed)>, ProtocolError>)
                return {};
            else
                return encodeClientRequest(parsed);
        },
        request);
}
} // namespace

void TestClientRequest::relations_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QByteArray>("expected"); ///< The parsed request, encoded again.

    QTest::newRow("reply") << R"({"message": "yes", "reply_to": 42})"_ba
                           << R"({"message":"yes","reply_to":42})"_ba;
    QTest::newRow("reply_to null is none") << R"({"message": "yes", "reply_to": null})"_ba
                                           << R"({"message":"yes"})"_ba;
    QTest::newRow("reply with client_id") << R"({"client_id": "c", "message": "yes", "reply_to": 7})"_ba
                                          << R"({"client_id":"c","message":"yes","reply_to":7})"_ba;
    QTest::newRow("edit") << R"({"type": "edit", "id": 42, "message": "new text"})"_ba
                          << R"({"id":42,"message":"new text","type":"edit"})"_ba;
    QTest::newRow("edit keeps white space") << R"({"type": "edit", "id": 1, "message": " a "})"_ba
                                            << R"({"id":1,"message":" a ","type":"edit"})"_ba;
    QTest::newRow("delete") << R"({"type": "delete", "id": 42})"_ba
                            << R"({"id":42,"type":"delete"})"_ba;
    QTest::newRow("delete with client_id") << R"({"type": "delete", "id": 42, "client_id": "d"})"_ba
                                           << R"({"client_id":"d","id":42,"type":"delete"})"_ba;
    QTest::newRow("react") << R"({"type": "react", "id": 42, "emoji": "👍"})"_ba
                           << R"({"emoji":"👍","id":42,"type":"react"})"_ba;
    QTest::newRow("unreact") << R"({"type": "unreact", "id": 42, "emoji": "👍"})"_ba
                             << R"({"emoji":"👍","id":42,"type":"unreact"})"_ba;
    // Whether the emoji is one is the server's rule (invalid_emoji), not the parser's.
    QTest::newRow("react with text") << R"({"type": "react", "id": 3, "emoji": "yes"})"_ba
                                     << R"({"emoji":"yes","id":3,"type":"react"})"_ba;
    QTest::newRow("read") << R"({"type": "read", "id": 57})"_ba
                          << R"({"id":57,"type":"read"})"_ba;
    // The room is the connection's: a "room" field is ignored.
    QTest::newRow("read ignores a room") << R"({"type": "read", "id": 57, "room": "x"})"_ba
                                         << R"({"id":57,"type":"read"})"_ba;
    QTest::newRow("kick") << R"({"type": "kick", "user": "bob", "reason": "spam"})"_ba
                          << R"({"reason":"spam","type":"kick","user":"bob"})"_ba;
    QTest::newRow("kick of a member id") << R"({"type": "kick", "user": "n1.4"})"_ba
                                         << R"({"type":"kick","user":"n1.4"})"_ba;
    QTest::newRow("ban with minutes") << R"({"type": "ban", "user": "bob", "minutes": 60, "client_id": "b"})"_ba
                                      << R"({"client_id":"b","minutes":60,"type":"ban","user":"bob"})"_ba;
    QTest::newRow("ban with null minutes") << R"({"type": "ban", "user": "bob", "minutes": null})"_ba
                                           << R"({"type":"ban","user":"bob"})"_ba;
    QTest::newRow("a reason of 200 characters")
        << QByteArray(R"({"type": "mute", "user": "bob", "reason": ")" + QByteArray(200, 'x') + R"("})")
        << QByteArray(R"({"reason":")" + QByteArray(200, 'x') + R"(","type":"mute","user":"bob"})");
    // Lifting takes no minutes nor reason: they are ignored.
    QTest::newRow("unban ignores minutes") << R"({"type": "unban", "user": "192.0.2.7", "minutes": 5})"_ba
                                           << R"({"type":"unban","user":"192.0.2.7"})"_ba;
    QTest::newRow("unmute") << R"({"type": "unmute", "user": "bob", "reason": "x"})"_ba
                            << R"({"type":"unmute","user":"bob"})"_ba;
}

void TestClientRequest::relations()
{
    QFETCH(QByteArray, frame);
    QFETCH(QByteArray, expected);
    const ClientRequest request = parseClientRequest(frame);
    QVERIFY(!std::holds_alternative<ProtocolError>(request));
    QCOMPARE(reencode(request), expected);
}

void TestClientRequest::roundTripRelations_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("reply") << encodeClientRequest(ChatSend{u"はい"_s, u"k"_s, 9});
    QTest::newRow("edit") << encodeClientRequest(EditRequest{9, u"直した \"x\""_s, u"e"_s});
    QTest::newRow("delete") << encodeClientRequest(DeleteRequest{9, {}});
    QTest::newRow("react") << encodeClientRequest(ReactionRequest{9, u"🎉"_s, true, u"r"_s});
    QTest::newRow("unreact") << encodeClientRequest(ReactionRequest{9, u"👨‍👩‍👧"_s, false, {}});
    QTest::newRow("read") << encodeClientRequest(ReadRequest{9});
    QTest::newRow("ban") << encodeClientRequest(
        ModerationRequest{ModerationRequest::Action::Ban, u"ボブ"_s, 30, u"荒らし"_s, u"b"_s});
    QTest::newRow("unmute") << encodeClientRequest(ModerationRequest{ModerationRequest::Action::Unmute, u"bob"_s});
    QTest::newRow("room.set topic") << encodeClientRequest(RoomSetRequest{u"Board games"_s, std::nullopt, u"s"_s});
    QTest::newRow("room.set cleared topic") << encodeClientRequest(RoomSetRequest{QString(), std::nullopt, {}});
    QTest::newRow("room.set private") << encodeClientRequest(RoomSetRequest{std::nullopt, true, {}});
    QTest::newRow("room.set both") << encodeClientRequest(RoomSetRequest{u"x"_s, false, u"s"_s});
    QTest::newRow("grant") << encodeClientRequest(GrantRequest{u"bob"_s, RoomRole::Moderator, u"g"_s});
    QTest::newRow("grant owner") << encodeClientRequest(GrantRequest{u"ボブ"_s, RoomRole::Owner, {}});
    QTest::newRow("revoke") << encodeClientRequest(RevokeRequest{u"bob"_s, {}});
}

void TestClientRequest::roundTripRelations()
{
    QFETCH(QByteArray, encoded);
    const ClientRequest parsed = parseClientRequest(encoded);
    QVERIFY(!std::holds_alternative<ProtocolError>(parsed));
    QCOMPARE(reencode(parsed), encoded);
}

QTEST_GUILESS_MAIN(TestClientRequest)
#include "tst_clientrequest.moc"
