// SPDX-License-Identifier: MIT
#include "clientrequest.h"

#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Kaiwa {

using namespace Qt::StringLiterals;

namespace {

/**
 * The number of characters (code points) of `text`; nothing when it holds a lone surrogate. JSON's
 * `\ud800` escapes can carry one, which is not a character: UTF-8 cannot encode it, so the live copy
 * and the stored one would differ.
 */
std::optional<qsizetype> characterCount(QStringView text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i, ++count) {
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            ++i;
        else if (text[i].isSurrogate())
            return std::nullopt;
    }
    return count;
}

ClientRequest parseChatSend(const QJsonObject &object)
{
    const auto message = object.constFind("message"_L1);
    if (message == object.constEnd())
        return ProtocolError{ErrorCode::MissingMessage, u"the object has no \"message\" field"_s};
    if (!message->isString())
        return ProtocolError{ErrorCode::InvalidMessage, u"\"message\" must be a string"_s};
    ChatSend send{message->toString(), {}};
    if (!characterCount(send.text))
        return ProtocolError{ErrorCode::InvalidMessage, u"\"message\" holds a lone surrogate (\\ud800-\\udfff)"_s};
    if (send.text.trimmed().isEmpty())
        return ProtocolError{ErrorCode::EmptyMessage, u"\"message\" is empty"_s};
    const auto clientId = object.constFind("client_id"_L1);
    if (clientId != object.constEnd()) {
        send.clientId = clientId->toString();
        const auto length = characterCount(send.clientId);
        if (!clientId->isString() || !length || *length < 1 || *length > Protocol::maxClientIdLength)
            return ProtocolError{ErrorCode::InvalidField, u"\"client_id\" must be a string of 1 to 64 characters"_s};
    }
    return send;
}

/// An optional integer field in [minimum, maximum]; JSON numbers are doubles, so check they are whole.
std::optional<qint64> integerField(const QJsonObject &object, QLatin1StringView key, qint64 fallback, qint64 minimum,
                                   qint64 maximum)
{
    const auto it = object.constFind(key);
    if (it == object.constEnd() || it->isNull())
        return fallback;
    if (!it->isDouble())
        return std::nullopt;
    const double value = it->toDouble();
    // Range first: converting a double outside qint64's range (1e300) is undefined behaviour.
    if (value < double(minimum) || value > double(maximum) || value != double(qint64(value)))
        return std::nullopt;
    return qint64(value);
}

ClientRequest parseHistoryRequest(const QJsonObject &object)
{
    const auto before = integerField(object, "before"_L1, 0, 0, std::numeric_limits<qint32>::max() * qint64(1024));
    if (!before)
        return ProtocolError{ErrorCode::InvalidField, u"\"before\" must be a non-negative integer id"_s};
    const auto limit = integerField(object, "limit"_L1, 50, 1, Protocol::maxHistoryPage);
    if (!limit)
        return ProtocolError{ErrorCode::InvalidField, u"\"limit\" must be an integer from 1 to 500"_s};
    return HistoryRequest{*before, int(*limit)};
}

} // namespace

ClientRequest parseClientRequest(QByteArrayView utf8)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // QJsonDocument refuses a scalar at the top (42, "hi", null), which is valid JSON (RFC 8259):
        // docs/protocol.md calls such a frame not_an_object, not invalid_json.
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + utf8.toByteArray() + ']');
        if (wrapped.isArray() && wrapped.array().size() == 1)
            return ProtocolError{ErrorCode::NotAnObject, u"expected a JSON object"_s};
        return ProtocolError{ErrorCode::InvalidJson,
                             u"invalid JSON at offset %1: %2"_s.arg(parseError.offset).arg(parseError.errorString())};
    }
    if (!document.isObject())
        return ProtocolError{ErrorCode::NotAnObject, u"expected a JSON object"_s};
    const QJsonObject object = document.object();
    const QJsonValue type = object.value("type"_L1);
    if (type.isUndefined() || type.toString() == Protocol::Type::chatMessage)
        return parseChatSend(object);
    if (type.toString() == Protocol::Type::history)
        return parseHistoryRequest(object);
    if (type.toString() == Protocol::Type::typing)
        return TypingRequest{};
    return ProtocolError{ErrorCode::UnknownType, u"unknown request type"_s};
}

QByteArray encodeClientRequest(const ChatSend &request)
{
    QJsonObject object{{"message"_L1, request.text}};
    if (!request.clientId.isEmpty())
        object.insert("client_id"_L1, request.clientId);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray encodeClientRequest(const HistoryRequest &request)
{
    QJsonObject object{{"type"_L1, Protocol::Type::history}, {"limit"_L1, request.limit}};
    if (request.before > 0)
        object.insert("before"_L1, request.before);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray encodeClientRequest(const TypingRequest &)
{
    return QJsonDocument(QJsonObject{{"type"_L1, Protocol::Type::typing}}).toJson(QJsonDocument::Compact);
}

} // namespace Kaiwa
