// SPDX-License-Identifier: MIT
#pragma once

#include "common/chatmessage.h"
#include "common/serverevent.h"

#include <type_traits>
#include <variant>

namespace Kaiwa::Server {

/**
 * One event of a room's id sequence, as the store keeps and returns it (docs/architecture.md, "Events"):
 * a message (in its current state when read back), or an edit, delete or reaction of one.
 */
using RoomEvent = std::variant<ChatMessage, ChatEditEvent, ChatDeleteEvent, ChatReactionEvent>;

namespace RoomEvents {

/// The event's room id (0 before the store gave it one).
inline qint64 id(const RoomEvent &event)
{
    return std::visit([](const auto &alternative) { return alternative.id; }, event);
}

/// The room the event belongs to.
inline QString room(const RoomEvent &event)
{
    return std::visit([](const auto &alternative) { return alternative.room; }, event);
}

/// The message an edit, delete or reaction is about; for a message, the one it replies to (0: none).
inline qint64 target(const RoomEvent &event)
{
    return std::visit(
        [](const auto &alternative) -> qint64 {
            if constexpr (std::is_same_v<std::decay_t<decltype(alternative)>, ChatMessage>)
                return alternative.replyTo ? alternative.replyTo->id : 0;
            else
                return alternative.target;
        },
        event);
}

} // namespace RoomEvents

/// The author key of a connection (docs/protocol.md, "Who may"): its account when signed in, else its member id.
inline QString authorKey(const QString &account, const QString &memberId)
{
    using namespace Qt::StringLiterals;
    return account.isEmpty() ? u"member:"_s + memberId : u"account:"_s + account;
}

} // namespace Kaiwa::Server
