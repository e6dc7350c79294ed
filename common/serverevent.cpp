// SPDX-License-Identifier: MIT
#include "serverevent.h"

#include "isotime.h"
#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace Kaiwa {

using namespace Qt::StringLiterals;

QJsonObject ErrorEvent::toJson() const
{
    const QString name = errorCodeName(code);
    QJsonObject object{
        {"type"_L1, Protocol::Type::error},
        {"code"_L1, name},
        {"detail"_L1, detail},
        // Shown as a line by tutorial-only pages: an error in the open beats silence.
        {"message"_L1, u"[error %1] %2"_s.arg(name, detail)},
    };
    if (!clientId.isEmpty())
        object.insert("client_id"_L1, clientId);
    if (until.isValid())
        object.insert("until"_L1, IsoTime::format(until));
    return object;
}

QJsonObject AckEvent::toJson() const
{
    return {
        {"type"_L1, Protocol::Type::ack},
        {"id"_L1, id},
        {"client_id"_L1, clientId},
        {"duplicate"_L1, duplicate},
    };
}

QJsonObject HistoryPageEvent::toJson() const
{
    QJsonArray array;
    for (const ChatMessage &message : messages)
        array.append(message.toJson());
    return {
        {"type"_L1, Protocol::Type::history},
        {"room"_L1, room},
        {"messages"_L1, array},
        {"more"_L1, more},
    };
}

QJsonObject HistoryGapEvent::toJson() const
{
    return {
        {"type"_L1, Protocol::Type::historyGap},
        {"since"_L1, since},
        {"first_available"_L1, firstAvailable},
    };
}

QJsonObject WelcomeEvent::toJson() const
{
    QJsonObject object{
        {"type"_L1, Protocol::Type::welcome},
        {"room"_L1, room},
        {"user"_L1, user},
        {"last_id"_L1, lastId},
    };
    if (!memberId.isEmpty())
        object.insert("member_id"_L1, memberId);
    if (!epoch.isEmpty())
        object.insert("epoch"_L1, epoch);
    if (readId)
        object.insert("read_id"_L1, *readId);
    object.insert("topic"_L1, topic);
    object.insert("private"_L1, isPrivate);
    object.insert("role"_L1, roomRoleJson(role));
    if (!direct.isEmpty())
        object.insert("direct"_L1, direct);
    return object;
}

QJsonObject PresenceEvent::toJson() const
{
    QJsonArray array;
    for (const Member &member : members)
        array.append(member.toJson());
    return {
        {"type"_L1, Protocol::Type::presence},
        {"room"_L1, room},
        {"members"_L1, array},
        {"count"_L1, members.size()},
    };
}

QJsonObject MemberJoinedEvent::toJson() const
{
    return {{"type"_L1, Protocol::Type::memberJoined}, {"room"_L1, room}, {"member"_L1, member.toJson()}};
}

QJsonObject MemberLeftEvent::toJson() const
{
    return {{"type"_L1, Protocol::Type::memberLeft}, {"room"_L1, room}, {"member"_L1, member.toJson()}};
}

QJsonObject TypingEvent::toJson() const
{
    return {
        {"type"_L1, Protocol::Type::typing},
        {"room"_L1, room},
        {"member"_L1, member.toJson()},
        {"expires_in_ms"_L1, expiresInMs},
    };
}

namespace {
/// Adds "client_id" when there is one: the sender's own request, answered in the event.
QJsonObject withClientId(QJsonObject object, const QString &clientId)
{
    if (!clientId.isEmpty())
        object.insert("client_id"_L1, clientId);
    return object;
}
} // namespace

QJsonObject ChatEditEvent::toJson() const
{
    QJsonObject object{
        {"type"_L1, Protocol::Type::chatEdit},
        {"id"_L1, id},
        {"room"_L1, room},
        {"target"_L1, target},
        {"user"_L1, user},
        {"time"_L1, IsoTime::format(time)},
        {"message"_L1, text},
    };
    if (!mentions.isEmpty())
        object.insert("mentions"_L1, QJsonArray::fromStringList(mentions));
    if (verified)
        object.insert("verified"_L1, true);
    if (deleted)
        object.insert("deleted"_L1, true);
    return withClientId(object, clientId);
}

QJsonObject ChatEditEvent::tutorialJson() const
{
    // A tutorial page prints each "message" as a new line and cannot change one it printed: the correction
    // comes as a line of its own, marked.
    const ChatMessage line{
        .id = id, .room = room, .user = user, .time = time, .text = u"✎ "_s + text, .verified = verified};
    QJsonObject object = line.toJson();
    object.insert("edit_of"_L1, target);
    return object;
}

QJsonObject ChatDeleteEvent::toJson() const
{
    QJsonObject object{{"type"_L1, Protocol::Type::chatDelete},
                       {"id"_L1, id},
                       {"room"_L1, room},
                       {"target"_L1, target},
                       {"user"_L1, user},
                       {"time"_L1, IsoTime::format(time)},
                       {"moderator"_L1, moderator}};
    if (moderator)
        object.insert("by"_L1, user);
    return withClientId(object, clientId);
}

QJsonObject ChatReactionEvent::toJson() const
{
    return withClientId({{"type"_L1, Protocol::Type::chatReaction},
                         {"id"_L1, id},
                         {"room"_L1, room},
                         {"target"_L1, target},
                         {"emoji"_L1, emoji},
                         {"user"_L1, user},
                         {"added"_L1, added},
                         {"time"_L1, IsoTime::format(time)}},
                        clientId);
}

QJsonObject HistoryResetEvent::toJson() const
{
    return {{"type"_L1, Protocol::Type::historyReset}, {"room"_L1, room}, {"epoch"_L1, epoch}, {"last_id"_L1, lastId}};
}

QJsonObject ReadEvent::toJson() const
{
    return {{"type"_L1, Protocol::Type::read}, {"room"_L1, room}, {"id"_L1, id}};
}

QJsonObject ModerationEvent::toJson() const
{
    QJsonObject object{
        {"type"_L1, Protocol::Type::moderation},
        {"room"_L1, room},
        {"action"_L1, action},
        {"user"_L1, user},
        {"by"_L1, by},
        {"reason"_L1, reason},
        {"until"_L1, until.isValid() ? QJsonValue(IsoTime::format(until)) : QJsonValue(QJsonValue::Null)},
    };
    if (!memberId.isEmpty())
        object.insert("member_id"_L1, memberId);
    return object;
}

QJsonObject RoomSettingsEvent::toJson() const
{
    return {{"type"_L1, Protocol::Type::roomSettings},
            {"room"_L1, room},
            {"topic"_L1, topic},
            {"private"_L1, isPrivate},
            {"by"_L1, by}};
}

QJsonObject RoomRoleEvent::toJson() const
{
    return {{"type"_L1, Protocol::Type::roomRole},
            {"room"_L1, room},
            {"user"_L1, user},
            {"role"_L1, roomRoleJson(role)},
            {"by"_L1, by}};
}

QByteArray toWire(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<ServerEvent> parseServerEvent(QByteArrayView utf8)
{
    const QJsonDocument document = QJsonDocument::fromJson(utf8.toByteArray());
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    const QString type = object.value("type"_L1).toString();
    if (type == Protocol::Type::error) {
        return ErrorEvent{errorCodeFromName(object.value("code"_L1).toString()), object.value("detail"_L1).toString(),
                          object.value("client_id"_L1).toString(), IsoTime::parse(object.value("until"_L1).toString())};
    }
    if (type == Protocol::Type::ack) {
        return AckEvent{object.value("id"_L1).toInteger(), object.value("client_id"_L1).toString(),
                        object.value("duplicate"_L1).toBool()};
    }
    if (type == Protocol::Type::history) {
        HistoryPageEvent page{object.value("room"_L1).toString(), {}, object.value("more"_L1).toBool()};
        const QJsonArray messages = object.value("messages"_L1).toArray();
        for (const QJsonValue &value : messages)
            page.messages.append(ChatMessage::fromJson(value.toObject()));
        return page;
    }
    if (type == Protocol::Type::historyGap)
        return HistoryGapEvent{object.value("since"_L1).toInteger(), object.value("first_available"_L1).toInteger()};
    if (type == Protocol::Type::welcome) {
        const QJsonValue readId = object.value("read_id"_L1);
        return WelcomeEvent{object.value("room"_L1).toString(),
                            object.value("user"_L1).toString(),
                            object.value("last_id"_L1).toInteger(),
                            object.value("member_id"_L1).toString(),
                            object.value("epoch"_L1).toString(),
                            readId.isDouble() ? std::optional(readId.toInteger()) : std::nullopt,
                            object.value("topic"_L1).toString(),
                            object.value("private"_L1).toBool(),
                            roomRoleFromName(object.value("role"_L1).toString()).value_or(RoomRole::None),
                            object.value("direct"_L1).toString()};
    }
    const QString room = object.value("room"_L1).toString();
    const qint64 id = object.value("id"_L1).toInteger();
    const qint64 target = object.value("target"_L1).toInteger();
    const QDateTime time = IsoTime::parse(object.value("time"_L1).toString());
    const QString clientId = object.value("client_id"_L1).toString();
    if (type == Protocol::Type::chatEdit) {
        QStringList mentions;
        for (const QJsonValue &mention : object.value("mentions"_L1).toArray())
            mentions.append(mention.toString());
        return ChatEditEvent{id,
                             room,
                             target,
                             object.value("message"_L1).toString(),
                             object.value("user"_L1).toString(),
                             time,
                             mentions,
                             object.value("verified"_L1).toBool(),
                             object.value("deleted"_L1).toBool(),
                             clientId};
    }
    if (type == Protocol::Type::chatDelete) {
        return ChatDeleteEvent{
            id,      room, target, object.value("user"_L1).toString(), time, object.value("moderator"_L1).toBool(),
            clientId};
    }
    if (type == Protocol::Type::chatReaction) {
        return ChatReactionEvent{id,
                                 room,
                                 target,
                                 object.value("emoji"_L1).toString(),
                                 object.value("user"_L1).toString(),
                                 object.value("added"_L1).toBool(true),
                                 time,
                                 clientId};
    }
    if (type == Protocol::Type::read)
        return ReadEvent{room, id};
    if (type == Protocol::Type::moderation) {
        return ModerationEvent{room,
                               object.value("action"_L1).toString(),
                               object.value("user"_L1).toString(),
                               object.value("member_id"_L1).toString(),
                               object.value("by"_L1).toString(),
                               object.value("reason"_L1).toString(),
                               IsoTime::parse(object.value("until"_L1).toString())};
    }
    if (type == Protocol::Type::roomSettings) {
        return RoomSettingsEvent{room, object.value("topic"_L1).toString(), object.value("private"_L1).toBool(),
                                 object.value("by"_L1).toString()};
    }
    if (type == Protocol::Type::roomRole) {
        return RoomRoleEvent{room, object.value("user"_L1).toString(),
                             roomRoleFromName(object.value("role"_L1).toString()).value_or(RoomRole::None),
                             object.value("by"_L1).toString()};
    }
    if (type == Protocol::Type::historyReset) {
        return HistoryResetEvent{room, object.value("epoch"_L1).toString(), object.value("last_id"_L1).toInteger()};
    }
    if (type == Protocol::Type::presence) {
        PresenceEvent presence{object.value("room"_L1).toString(), {}};
        const QJsonArray members = object.value("members"_L1).toArray();
        for (const QJsonValue &value : members)
            presence.members.append(Member::fromJson(value.toObject()));
        return presence;
    }
    const Member member = Member::fromJson(object.value("member"_L1).toObject());
    if (type == Protocol::Type::memberJoined)
        return MemberJoinedEvent{object.value("room"_L1).toString(), member};
    if (type == Protocol::Type::memberLeft)
        return MemberLeftEvent{object.value("room"_L1).toString(), member};
    if (type == Protocol::Type::typing) {
        // Clamped: a hostile or broken server must not keep an indicator up for days.
        const qint64 expires = std::clamp<qint64>(object.value("expires_in_ms"_L1).toInteger(), 0, 60000);
        return TypingEvent{object.value("room"_L1).toString(), member, int(expires)};
    }
    if (object.contains("message"_L1) && (type.isEmpty() || type == Protocol::Type::chatMessage))
        return ChatMessage::fromJson(object);
    return UnknownEvent{type};
}

} // namespace Kaiwa
