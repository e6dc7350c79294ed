// SPDX-License-Identifier: MIT
#pragma once

#include <QLatin1StringView>
#include <QString>

namespace Kaiwa {

/**
 * Error kinds of the protocol's "error" event (docs/protocol.md). The wire form is the
 * snake_case name; the connection stays open after each of them.
 */
enum class ErrorCode {
    InvalidJson,      ///< The frame is not valid JSON.
    NotAnObject,      ///< Valid JSON, but not an object.
    MissingMessage,   ///< No "message" field.
    InvalidMessage,   ///< "message" is not a string.
    EmptyMessage,     ///< "message" is empty or only white space.
    BinaryFrame,      ///< Binary frames are not part of the protocol.
    UnknownType,      ///< "type" names no request the server knows.
    InvalidField,     ///< A field has the wrong type or is out of range (client_id, before, limit...).
    RateLimited,      ///< Over the per-connection rate limit; the message was not delivered.
    StoreFailed,      ///< The message could not be stored, so it was not delivered.
    InvalidEmoji,     ///< A reaction that is not exactly one emoji (docs/protocol.md, "Reactions").
    UnknownTarget,    ///< "id" or "reply_to" names no message of the room.
    DeletedTarget,    ///< The message named was deleted.
    Forbidden,        ///< Not allowed for this connection (not the author, outside the edit window).
    TooManyReactions, ///< Over the reactions allowed per message or per person.
    SignInRequired,   ///< The request needs a signed-in connection (a read marker, a room's settings or roles).
    Muted,            ///< A moderator muted this member: it reads, but cannot post, edit or react.
    UnknownUser,      ///< "user" names no account or member a moderation request or a grant can act on.
    LastOwner,        ///< The request would leave the room without an owner.
    Banned,           ///< Banned from the room (the upgrade's 403 and close code 4011; never an error event).
    Unknown,          ///< A code this build does not know (from a newer server).
};

QLatin1StringView errorCodeName(ErrorCode code);
ErrorCode errorCodeFromName(QStringView name);

} // namespace Kaiwa
