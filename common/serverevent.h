// SPDX-License-Identifier: MIT
#pragma once

#include "chatmessage.h"
#include "errorcode.h"
#include "member.h"
#include "roomrole.h"

#include <QByteArrayView>
#include <QList>

#include <optional>

#include <variant>

namespace Kaiwa {

/**
 * {"type": "error", "code": ..., "detail": ..., "message": ...}: sent to every client, tutorial-only
 * ones included, so it also carries a human-readable "message" the tutorial page prints.
 */
struct ErrorEvent {
    ErrorCode code = ErrorCode::Unknown;
    QString detail;
    QString clientId; ///< The client id of the rejected message, when it had one.
    QDateTime until;  ///< `muted`: when the mute ends ("until"); invalid when it lasts until lifted.
    QJsonObject toJson() const;
    friend bool operator==(const ErrorEvent &, const ErrorEvent &) = default;
};

/// {"type": "ack", "id": N, "client_id": ..., "duplicate": bool}: kaiwa.v1 only; the message is stored.
struct AckEvent {
    qint64 id = 0;
    QString clientId;
    bool duplicate = false; ///< The client id was stored before: nothing new was stored or broadcast.
    QJsonObject toJson() const;
    friend bool operator==(const AckEvent &, const AckEvent &) = default;
};

/// {"type": "history", "room": ..., "messages": [...], "more": bool}: kaiwa.v1 only, answers HistoryRequest.
struct HistoryPageEvent {
    QString room;
    QList<ChatMessage> messages; ///< Oldest first.
    bool more = false;           ///< Older messages exist before the first one.
    QJsonObject toJson() const;
    friend bool operator==(const HistoryPageEvent &, const HistoryPageEvent &) = default;
};

/**
 * {"type": "history.gap", "since": N, "first_available": M}: kaiwa.v1 only. A reconnecting client asked
 * for everything after `since`, but the server no longer keeps ids before `first_available`.
 */
struct HistoryGapEvent {
    qint64 since = 0;
    qint64 firstAvailable = 0;
    QJsonObject toJson() const;
    friend bool operator==(const HistoryGapEvent &, const HistoryGapEvent &) = default;
};

/**
 * {"type": "welcome", "room": ..., "user": ..., "last_id": N, "member_id": ...}: kaiwa.v1 only, the first
 * frame after the upgrade.
 */
struct WelcomeEvent {
    QString room;
    QString user;      ///< The display name the server will relay for this connection.
    qint64 lastId = 0; ///< Newest id stored in the room when the client joined.
    QString memberId;  ///< This connection's id in presence and typing events; empty from older servers.
    /// The room's recovery epoch: a random id of its stored history, new when that history was reset or
    /// restored from a backup. A client reconnects with `?since=N&epoch=E`; empty from older servers.
    QString epoch;
    /// A signed-in connection's read marker in the room: the highest id its account has read (ReadEvent).
    std::optional<qint64> readId;
    QString topic;                  ///< The room's topic, "" when none (docs/protocol.md, "Rooms with owners").
    bool isPrivate = false;         ///< Only accounts with a role in the room may enter it.
    RoomRole role = RoomRole::None; ///< The connection's account's role; null on the wire for None.
    QString direct;                 ///< A direct-message room: the other account; empty (absent) otherwise.
    QJsonObject toJson() const;
    friend bool operator==(const WelcomeEvent &, const WelcomeEvent &) = default;
};

/**
 * {"type": "presence", "room": ..., "members": [{"id": ..., "user": ...}], "count": N}: kaiwa.v1 only,
 * once after joining (after the welcome and the history): everyone in the room, this connection included.
 */
struct PresenceEvent {
    QString room;
    QList<Member> members;      ///< Ordered by display name, then id.
    QJsonObject toJson() const; ///< "count" is members.size().
    friend bool operator==(const PresenceEvent &, const PresenceEvent &) = default;
};

/// {"type": "member.joined", "room": ..., "member": {...}}: kaiwa.v1 only; to everyone but the newcomer.
struct MemberJoinedEvent {
    QString room;
    Member member;
    QJsonObject toJson() const;
    friend bool operator==(const MemberJoinedEvent &, const MemberJoinedEvent &) = default;
};

/**
 * {"type": "member.left", "room": ..., "member": {...}}: kaiwa.v1 only. Also sent when a member's daemon
 * stopped answering (its presence expired).
 */
struct MemberLeftEvent {
    QString room;
    Member member;
    QJsonObject toJson() const;
    friend bool operator==(const MemberLeftEvent &, const MemberLeftEvent &) = default;
};

/**
 * {"type": "typing", "room": ..., "member": {...}, "expires_in_ms": 5000}: kaiwa.v1 only; to everyone but
 * the typist. Show "X is typing" for expires_in_ms unless renewed; 0 means X stopped (sent a message).
 */
struct TypingEvent {
    QString room;
    Member member;
    int expiresInMs = 0;
    QJsonObject toJson() const;
    friend bool operator==(const TypingEvent &, const TypingEvent &) = default;
};

/**
 * {"type": "chat.edit", "id": 57, "room": ..., "target": 42, "message": "new text", "user": ..., "time": ...}:
 * kaiwa.v1 only. The message `target` now reads `text`; the edit is an event of its own (`id`). Replayed after
 * the target was deleted it carries `"deleted": true` and no text.
 */
struct ChatEditEvent {
    qint64 id = 0;
    QString room;
    qint64 target = 0;
    QString text;
    QString user;
    QDateTime time;
    QStringList mentions;
    bool verified = false;
    bool deleted = false; ///< The target was deleted since: the text is gone.
    QString clientId;
    QJsonObject toJson() const;
    /// What a tutorial-only client gets instead: a chat.message line "✎ new text" with "edit_of".
    QJsonObject tutorialJson() const;
    friend bool operator==(const ChatEditEvent &, const ChatEditEvent &) = default;
};

/**
 * {"type": "chat.delete", "id": 58, "room": ..., "target": 42, "user": ..., "time": ..., "moderator": false}:
 * kaiwa.v1 only. The message `target` is taken back by `user`; `moderator` when someone else than its author did it
 * (a moderator or an owner of the room), and then `"by"` names them too.
 */
struct ChatDeleteEvent {
    qint64 id = 0;
    QString room;
    qint64 target = 0;
    QString user;
    QDateTime time;
    bool moderator = false;
    QString clientId;
    QJsonObject toJson() const;
    friend bool operator==(const ChatDeleteEvent &, const ChatDeleteEvent &) = default;
};

/**
 * {"type": "chat.reaction", "id": 59, "room": ..., "target": 42, "emoji": "👍", "user": ..., "added": true,
 * "time": ...}: kaiwa.v1 only; `added` false when taken back.
 */
struct ChatReactionEvent {
    qint64 id = 0;
    QString room;
    qint64 target = 0;
    QString emoji;
    QString user;
    bool added = true;
    QDateTime time;
    QString clientId;
    QJsonObject toJson() const;
    friend bool operator==(const ChatReactionEvent &, const ChatReactionEvent &) = default;
};

/**
 * {"type": "history.reset", "room": ..., "epoch": ..., "last_id": N}: kaiwa.v1 only, right after the welcome of a
 * client that reconnected with a `since`/`epoch` this history never had (it was reset or restored from a
 * backup). What the client holds belongs to another history: it clears it; the latest messages follow as on a
 * first join.
 */
struct HistoryResetEvent {
    QString room;
    QString epoch;
    qint64 lastId = 0;
    QJsonObject toJson() const;
    friend bool operator==(const HistoryResetEvent &, const HistoryResetEvent &) = default;
};

/**
 * {"type": "read", "room": "lobby", "id": 57}: kaiwa.v1 only, to every connection of a signed-in account (in any
 * room, on any daemon) when its read marker in `room` moved forward to `id`.
 */
struct ReadEvent {
    QString room;
    qint64 id = 0;
    QJsonObject toJson() const;
    friend bool operator==(const ReadEvent &, const ReadEvent &) = default;
};

/**
 * {"type": "moderation", "room": ..., "action": "kick" | "ban" | "unban" | "mute" | "unmute", "user": ...,
 * "member_id": ..., "by": ..., "reason": ..., "until": ISO-8601 | null}: kaiwa.v1 only, to everyone in the room, the
 * actor and the affected member included (which is closed right after a kick or a ban: docs/protocol.md, "Moderation").
 */
struct ModerationEvent {
    QString room;
    QString action;
    QString user;     ///< The account, the member's name (anonymous), or the address an unban or unmute lifts.
    QString memberId; ///< An anonymous target's member id; empty for an account or an address.
    QString by;       ///< The moderator's account, or "(operator)".
    QString reason;
    QDateTime until; ///< When a ban or mute ends; invalid: until lifted (and for the other actions).
    QJsonObject toJson() const;
    friend bool operator==(const ModerationEvent &, const ModerationEvent &) = default;
};

/**
 * {"type": "room.settings", "room": ..., "topic": ..., "private": bool, "by": ...}: kaiwa.v1 only, to everyone in
 * the room after its topic or visibility changed; `by` is the owner's account or "(operator)".
 */
struct RoomSettingsEvent {
    QString room;
    QString topic;
    bool isPrivate = false;
    QString by;
    QJsonObject toJson() const;
    friend bool operator==(const RoomSettingsEvent &, const RoomSettingsEvent &) = default;
};

/**
 * {"type": "room.role", "room": ..., "user": ACCOUNT, "role": "owner" | "moderator" | "member" | null, "by": ...}:
 * kaiwa.v1 only, to everyone in the room after an account's role changed (null: taken away).
 */
struct RoomRoleEvent {
    QString room;
    QString user;
    RoomRole role = RoomRole::None;
    QString by;
    QJsonObject toJson() const;
    friend bool operator==(const RoomRoleEvent &, const RoomRoleEvent &) = default;
};

/// A typed frame this build does not know; ignored by clients.
struct UnknownEvent {
    QString type;
    friend bool operator==(const UnknownEvent &, const UnknownEvent &) = default;
};

using ServerEvent =
    std::variant<ChatMessage, ErrorEvent, AckEvent, HistoryPageEvent, HistoryGapEvent, WelcomeEvent, PresenceEvent,
                 MemberJoinedEvent, MemberLeftEvent, TypingEvent, ChatEditEvent, ChatDeleteEvent, ChatReactionEvent,
                 HistoryResetEvent, ReadEvent, RoomSettingsEvent, RoomRoleEvent, ModerationEvent, UnknownEvent>;

/**
 * Parses one frame from a server. A frame that carries "message" but no known "type" is a chat
 * message (that is all a tutorial server sends). Returns nothing for frames that are not JSON objects.
 */
std::optional<ServerEvent> parseServerEvent(QByteArrayView utf8);

/// Compact JSON of an event object, as it goes on the wire.
QByteArray toWire(const QJsonObject &object);

} // namespace Kaiwa
