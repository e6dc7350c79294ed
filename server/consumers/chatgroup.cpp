// SPDX-License-Identifier: MIT
#include "chatgroup.h"

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {
constexpr QStringView s_prefix = u"chat.";
} // namespace

QString ChatGroup::name(const QString &room)
{
    return u"chat."_s + room; // s_prefix; a literal QString costs no copy
}

std::optional<QString> ChatGroup::room(const QString &group)
{
    if (!group.startsWith(s_prefix))
        return std::nullopt;
    return group.mid(s_prefix.size());
}

QString ChatGroup::accountName(const QString &account)
{
    return u"account."_s + account; // not "chat.": room() tells it is no room's
}

QString ChatGroup::policyName()
{
    return u"policy.rooms"_s; // not "chat.": room() tells it is no room's
}

Envelope ChatGroup::envelope(const ChatMessage &message)
{
    // A tombstone's "message" is empty: a tutorial page would print an empty line.
    return Envelope(message.toWire(), message.deleted ? Envelope::Audience::KaiwaV1 : Envelope::Audience::Everyone,
                    message.id);
}

Envelope ChatGroup::envelope(const RoomEvent &event)
{
    if (const auto *message = std::get_if<ChatMessage>(&event))
        return envelope(*message);
    if (const auto *edit = std::get_if<ChatEditEvent>(&event)) {
        if (!edit->deleted)
            return Envelope(toWire(edit->toJson()), toWire(edit->tutorialJson()), edit->id);
    }
    return std::visit(
        [](const auto &other) { return Envelope(toWire(other.toJson()), Envelope::Audience::KaiwaV1, other.id); },
        event);
}

} // namespace Kaiwa::Server
