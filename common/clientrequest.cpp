// SPDX-License-Identifier: MIT
#include "clientrequest.h"

#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>

namespace Kaiwa {

using namespace Qt::StringLiterals;

namespace {

/// Largest message id a request may name: far beyond any room, and exact as a JSON number (a double).
constexpr qint64 s_maxMessageId = std::numeric_limits<qint32>::max() * qint64(1024);

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

/// The text of a chat message or an edit: a string, not empty, without lone surrogates.
std::variant<QString, ProtocolError> messageText(const QJsonObject &object)
{
    const auto message = object.constFind("message"_L1);
    if (message == object.constEnd())
        return ProtocolError{ErrorCode::MissingMessage, u"the object has no \"message\" field"_s};
    if (!message->isString())
        return ProtocolError{ErrorCode::InvalidMessage, u"\"message\" must be a string"_s};
    QString text = message->toString();
    if (!characterCount(text))
        return ProtocolError{ErrorCode::InvalidMessage, u"\"message\" holds a lone surrogate (\\ud800-\\udfff)"_s};
    if (text.trimmed().isEmpty())
        return ProtocolError{ErrorCode::EmptyMessage, u"\"message\" is empty"_s};
    return text;
}

/// The optional "client_id": 1 to 64 characters.
std::variant<QString, ProtocolError> clientIdField(const QJsonObject &object)
{
    const auto clientId = object.constFind("client_id"_L1);
    if (clientId == object.constEnd())
        return QString();
    const QString value = clientId->toString();
    const auto length = characterCount(value);
    if (!clientId->isString() || !length || *length < 1 || *length > Protocol::maxClientIdLength)
        return ProtocolError{ErrorCode::InvalidField, u"\"client_id\" must be a string of 1 to 64 characters"_s};
    return value;
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

/// A message id field ("id", "reply_to"): a positive integer.
std::variant<qint64, ProtocolError> messageIdField(const QJsonObject &object, QLatin1StringView key, bool required)
{
    const auto id = integerField(object, key, 0, required ? 1 : 0, s_maxMessageId);
    if (!id || (required && *id == 0))
        return ProtocolError{ErrorCode::InvalidField, u"\"%1\" must be a positive message id"_s.arg(key)};
    return *id;
}

/**
 * Runs `build` with the fields it needs once each parsed, or returns the first field's error. Every
 * request shares the same checks of message text, client id and ids this way.
 */
template<typename... Fields, typename Build>
ClientRequest withFields(Build build, std::variant<Fields, ProtocolError>... fields)
{
    for (const ProtocolError *error : {std::get_if<ProtocolError>(&fields)...}) {
        if (error)
            return *error;
    }
    return build(std::get<Fields>(fields)...);
}

ClientRequest parseChatSend(const QJsonObject &object)
{
    return withFields<QString, QString, qint64>(
        [](const QString &text, const QString &clientId, qint64 replyTo) {
            return ChatSend{text, clientId, replyTo};
        },
        messageText(object), clientIdField(object), messageIdField(object, "reply_to"_L1, false));
}

ClientRequest parseEditRequest(const QJsonObject &object)
{
    return withFields<qint64, QString, QString>(
        [](qint64 id, const QString &text, const QString &clientId) {
            return EditRequest{id, text, clientId};
        },
        messageIdField(object, "id"_L1, true), messageText(object), clientIdField(object));
}

ClientRequest parseDeleteRequest(const QJsonObject &object)
{
    return withFields<qint64, QString>(
        [](qint64 id, const QString &clientId) {
            return DeleteRequest{id, clientId};
        },
        messageIdField(object, "id"_L1, true), clientIdField(object));
}

ClientRequest parseReactionRequest(const QJsonObject &object, bool added)
{
    const QJsonValue emoji = object.value("emoji"_L1);
    if (!emoji.isString())
        return ProtocolError{ErrorCode::InvalidField, u"\"emoji\" must be a string"_s};
    // Whether it is one emoji is the server's rule (ReactionEmoji), answered with invalid_emoji.
    return withFields<qint64, QString>(
        [&](qint64 id, const QString &clientId) {
            return ReactionRequest{id, emoji.toString(), added, clientId};
        },
        messageIdField(object, "id"_L1, true), clientIdField(object));
}

ClientRequest parseReadRequest(const QJsonObject &object)
{
    return withFields<qint64>([](qint64 id) { return ReadRequest{id}; }, messageIdField(object, "id"_L1, true));
}

/// The actions by their wire names, in ModerationRequest::Action's order.
constexpr std::array s_moderationActions = {Protocol::Type::kick, Protocol::Type::ban, Protocol::Type::unban,
                                            Protocol::Type::mute, Protocol::Type::unmute};

/// Longest "user": an account, a member id or an address (an IPv6 /64 with its prefix length is 43).
constexpr qsizetype s_maxModerationUserLength = 128;

ClientRequest parseModerationRequest(const QJsonObject &object, ModerationRequest::Action action)
{
    using Action = ModerationRequest::Action;
    const QJsonValue user = object.value("user"_L1);
    const auto userLength = characterCount(user.toString());
    if (!user.isString() || !userLength || *userLength < 1 || *userLength > s_maxModerationUserLength)
        return ProtocolError{ErrorCode::InvalidField, u"\"user\" must be an account, a member id or an address"_s};
    const bool restricts = action == Action::Ban || action == Action::Mute;
    const auto minutes = restricts ? integerField(object, "minutes"_L1, 0, 1, Protocol::maxModerationMinutes) : 0;
    if (!minutes) {
        return ProtocolError{ErrorCode::InvalidField,
                             u"\"minutes\" must be an integer from 1 to %1"_s.arg(Protocol::maxModerationMinutes)};
    }
    const QJsonValue reason = object.value("reason"_L1);
    const auto reasonLength = characterCount(reason.toString());
    const bool hasReason = action == Action::Kick || restricts;
    if ((!reason.isUndefined() && !reason.isNull() && !reason.isString()) || !reasonLength
        || (hasReason && *reasonLength > Protocol::maxModerationReasonLength)) {
        return ProtocolError{ErrorCode::InvalidField, u"\"reason\" must be a string of at most %1 characters"_s.arg(
                                                          Protocol::maxModerationReasonLength)};
    }
    return withFields<QString>(
        [&](const QString &clientId) {
            return ModerationRequest{action, user.toString(), *minutes, hasReason ? reason.toString() : QString(),
                                     clientId};
        },
        clientIdField(object));
}

/// The "user" a grant or revoke names: an account name, 1 to Protocol::maxDisplayNameLength characters.
std::variant<QString, ProtocolError> userField(const QJsonObject &object)
{
    const QJsonValue user = object.value("user"_L1);
    const QString value = user.toString();
    const auto length = characterCount(value);
    if (!user.isString() || !length || *length < 1 || *length > Protocol::maxDisplayNameLength)
        return ProtocolError{ErrorCode::InvalidField, u"\"user\" must be an account name of 1 to %1 characters"_s.arg(
                                                          Protocol::maxDisplayNameLength)};
    return value;
}

/// The optional "topic" of a room.set: at most Protocol::maxTopicLength characters, none of them a control character.
std::variant<std::optional<QString>, ProtocolError> topicField(const QJsonObject &object)
{
    const auto topic = object.constFind("topic"_L1);
    if (topic == object.constEnd())
        return std::optional<QString>();
    const QString value = topic->toString();
    if (!topic->isString() || !isValidRoomTopic(value))
        return ProtocolError{ErrorCode::InvalidField,
                             u"\"topic\" must be a string of at most %1 characters without control characters"_s.arg(
                                 Protocol::maxTopicLength)};
    return std::optional(value);
}

/// The optional "private" of a room.set: a boolean.
std::variant<std::optional<bool>, ProtocolError> privateField(const QJsonObject &object)
{
    const auto value = object.constFind("private"_L1);
    if (value == object.constEnd())
        return std::optional<bool>();
    if (!value->isBool())
        return ProtocolError{ErrorCode::InvalidField, u"\"private\" must be true or false"_s};
    return std::optional(value->toBool());
}

ClientRequest parseRoomSetRequest(const QJsonObject &object)
{
    return withFields<std::optional<QString>, std::optional<bool>, QString>(
        [](const std::optional<QString> &topic, std::optional<bool> isPrivate,
           const QString &clientId) -> ClientRequest {
            if (!topic && !isPrivate)
                return ProtocolError{ErrorCode::InvalidField, u"room.set needs \"topic\" or \"private\""_s, clientId};
            return RoomSetRequest{topic, isPrivate, clientId};
        },
        topicField(object), privateField(object), clientIdField(object));
}

ClientRequest parseGrantRequest(const QJsonObject &object)
{
    const auto role = roomRoleFromName(object.value("role"_L1).toString());
    if (!role)
        return ProtocolError{ErrorCode::InvalidField, u"\"role\" must be \"owner\", \"moderator\" or \"member\""_s};
    return withFields<QString, QString>(
        [&](const QString &user, const QString &clientId) {
            return GrantRequest{user, *role, clientId};
        },
        userField(object), clientIdField(object));
}

ClientRequest parseRevokeRequest(const QJsonObject &object)
{
    return withFields<QString, QString>(
        [](const QString &user, const QString &clientId) {
            return RevokeRequest{user, clientId};
        },
        userField(object), clientIdField(object));
}

ClientRequest parseHistoryRequest(const QJsonObject &object)
{
    const auto before = integerField(object, "before"_L1, 0, 0, s_maxMessageId);
    if (!before)
        return ProtocolError{ErrorCode::InvalidField, u"\"before\" must be a non-negative integer id"_s};
    const auto limit = integerField(object, "limit"_L1, 50, 1, Protocol::maxHistoryPage);
    if (!limit)
        return ProtocolError{ErrorCode::InvalidField, u"\"limit\" must be an integer from 1 to 500"_s};
    return HistoryRequest{*before, int(*limit)};
}

ClientRequest parseObject(const QJsonObject &object)
{
    const QJsonValue type = object.value("type"_L1);
    if (type.isUndefined() || type.toString() == Protocol::Type::chatMessage)
        return parseChatSend(object);
    if (type.toString() == Protocol::Type::history)
        return parseHistoryRequest(object);
    if (type.toString() == Protocol::Type::typing)
        return TypingRequest{};
    if (type.toString() == Protocol::Type::edit)
        return parseEditRequest(object);
    if (type.toString() == Protocol::Type::remove)
        return parseDeleteRequest(object);
    if (type.toString() == Protocol::Type::react || type.toString() == Protocol::Type::unreact)
        return parseReactionRequest(object, type.toString() == Protocol::Type::react);
    if (type.toString() == Protocol::Type::read)
        return parseReadRequest(object);
    for (size_t i = 0; i < s_moderationActions.size(); ++i) {
        if (type.toString() == s_moderationActions[i])
            return parseModerationRequest(object, ModerationRequest::Action(i));
    }
    if (type.toString() == Protocol::Type::roomSet)
        return parseRoomSetRequest(object);
    if (type.toString() == Protocol::Type::grant)
        return parseGrantRequest(object);
    if (type.toString() == Protocol::Type::revoke)
        return parseRevokeRequest(object);
    return ProtocolError{ErrorCode::UnknownType, u"unknown request type"_s};
}

} // namespace

bool isValidRoomTopic(QStringView topic)
{
    const auto length = characterCount(topic);
    return length && *length <= Protocol::maxTopicLength
           && std::none_of(topic.begin(), topic.end(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

QLatin1StringView moderationActionName(ModerationRequest::Action action)
{
    return s_moderationActions[size_t(action)];
}

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
    ClientRequest request = parseObject(document.object());
    // An edit with a bad id is still the request its client_id names: the error says which.
    if (auto *error = std::get_if<ProtocolError>(&request)) {
        const auto clientId = clientIdField(document.object());
        if (const QString *value = std::get_if<QString>(&clientId))
            error->clientId = *value;
    }
    return request;
}

namespace {
QByteArray compact(QJsonObject object, const QString &clientId)
{
    if (!clientId.isEmpty())
        object.insert("client_id"_L1, clientId);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

QByteArray encodeClientRequest(const ChatSend &request)
{
    QJsonObject object{{"message"_L1, request.text}};
    if (request.replyTo > 0)
        object.insert("reply_to"_L1, request.replyTo);
    return compact(object, request.clientId);
}

QByteArray encodeClientRequest(const EditRequest &request)
{
    return compact({{"type"_L1, Protocol::Type::edit}, {"id"_L1, request.id}, {"message"_L1, request.text}},
                   request.clientId);
}

QByteArray encodeClientRequest(const DeleteRequest &request)
{
    return compact({{"type"_L1, Protocol::Type::remove}, {"id"_L1, request.id}}, request.clientId);
}

QByteArray encodeClientRequest(const ReactionRequest &request)
{
    return compact({{"type"_L1, request.added ? Protocol::Type::react : Protocol::Type::unreact},
                    {"id"_L1, request.id},
                    {"emoji"_L1, request.emoji}},
                   request.clientId);
}

QByteArray encodeClientRequest(const ReadRequest &request)
{
    return compact({{"type"_L1, Protocol::Type::read}, {"id"_L1, request.id}}, QString());
}

QByteArray encodeClientRequest(const ModerationRequest &request)
{
    QJsonObject object{{"type"_L1, moderationActionName(request.action)}, {"user"_L1, request.user}};
    if (request.minutes > 0)
        object.insert("minutes"_L1, request.minutes);
    if (!request.reason.isEmpty())
        object.insert("reason"_L1, request.reason);
    return compact(object, request.clientId);
}

QByteArray encodeClientRequest(const RoomSetRequest &request)
{
    QJsonObject object{{"type"_L1, Protocol::Type::roomSet}};
    if (request.topic)
        object.insert("topic"_L1, *request.topic);
    if (request.isPrivate)
        object.insert("private"_L1, *request.isPrivate);
    return compact(object, request.clientId);
}

QByteArray encodeClientRequest(const GrantRequest &request)
{
    return compact(
        {{"type"_L1, Protocol::Type::grant}, {"user"_L1, request.user}, {"role"_L1, roomRoleName(request.role)}},
        request.clientId);
}

QByteArray encodeClientRequest(const RevokeRequest &request)
{
    return compact({{"type"_L1, Protocol::Type::revoke}, {"user"_L1, request.user}}, request.clientId);
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
