// SPDX-License-Identifier: MIT
#pragma once

#include "errorcode.h"
#include "roomrole.h"

#include <QByteArrayView>
#include <QString>

#include <optional>
#include <variant>

namespace Kaiwa {

/// {"message": "..."} (optionally "type": "chat.message", "client_id" and "reply_to").
struct ChatSend {
    QString text;
    QString clientId;   ///< Idempotency key; empty when the client gives none.
    qint64 replyTo = 0; ///< The message this one answers; 0: none.
    friend bool operator==(const ChatSend &, const ChatSend &) = default;
};

/// {"type": "edit", "id": 42, "message": "new text"}: replaces the text of one's own message.
struct EditRequest {
    qint64 id = 0;
    QString text;
    QString clientId;
    friend bool operator==(const EditRequest &, const EditRequest &) = default;
};

/// {"type": "delete", "id": 42}: takes a message back (its text is gone from the server).
struct DeleteRequest {
    qint64 id = 0;
    QString clientId;
    friend bool operator==(const DeleteRequest &, const DeleteRequest &) = default;
};

/// {"type": "react" | "unreact", "id": 42, "emoji": "👍"}.
struct ReactionRequest {
    qint64 id = 0;
    QString emoji;
    bool added = true; ///< react: true; unreact: false.
    QString clientId;
    friend bool operator==(const ReactionRequest &, const ReactionRequest &) = default;
};

/**
 * {"type": "read", "id": 57}: the signed-in account has read the room up to this id. The server keeps the highest
 * per account and room and tells the account's other connections (ReadEvent).
 */
struct ReadRequest {
    qint64 id = 0;
    friend bool operator==(const ReadRequest &, const ReadRequest &) = default;
};

/// {"type": "history", "before": ID, "limit": N}: a page of older messages.
struct HistoryRequest {
    qint64 before = 0; ///< Messages with smaller ids; 0 for the newest.
    int limit = 50;
    friend bool operator==(const HistoryRequest &, const HistoryRequest &) = default;
};

/**
 * {"type": "typing"}: the user is typing. Relayed to the room as a TypingEvent, at most once per
 * Protocol::typingIntervalMs per connection; the server drops the others silently.
 */
struct TypingRequest {
    friend bool operator==(const TypingRequest &, const TypingRequest &) = default;
};

/**
 * {"type": "kick" | "ban" | "unban" | "mute" | "unmute", "user": ..., "minutes": M, "reason": "..."}: a moderator's
 * action on a member of the room (docs/protocol.md, "Moderation"). `user` is an account, the member id of a
 * connection (welcome.member_id; an anonymous one's means its address) or, to lift a restriction, an address.
 */
struct ModerationRequest {
    enum class Action {
        Kick,
        Ban,
        Unban,
        Mute,
        Unmute
    };
    Action action = Action::Kick;
    QString user;
    qint64 minutes = 0; ///< Ban and mute: how long; 0 until lifted.
    QString reason;     ///< Kick, ban and mute: up to Protocol::maxModerationReasonLength characters; may be empty.
    QString clientId;
    friend bool operator==(const ModerationRequest &, const ModerationRequest &) = default;
};

/// The wire name of a moderation action ("kick", "ban"...).
QLatin1StringView moderationActionName(ModerationRequest::Action action);

/**
 * {"type": "room.set", "topic": "...", "private": true}: an owner changes the room's settings (either field, or
 * both). The topic is at most Protocol::maxTopicLength characters without control characters; "" clears it.
 */
struct RoomSetRequest {
    std::optional<QString> topic;
    std::optional<bool> isPrivate;
    QString clientId;
    friend bool operator==(const RoomSetRequest &, const RoomSetRequest &) = default;
};

/// Whether `topic` may be a room's topic: characters only (no lone surrogate), at most Protocol::maxTopicLength of
/// them, none a control character. room.set and the operator's `room set` take the same topics.
bool isValidRoomTopic(QStringView topic);

/// {"type": "grant", "user": ACCOUNT, "role": "owner" | "moderator" | "member"}: an owner gives an account a role.
struct GrantRequest {
    QString user;
    RoomRole role = RoomRole::Member;
    QString clientId;
    friend bool operator==(const GrantRequest &, const GrantRequest &) = default;
};

/// {"type": "revoke", "user": ACCOUNT}: an owner takes an account's role away.
struct RevokeRequest {
    QString user;
    QString clientId;
    friend bool operator==(const RevokeRequest &, const RevokeRequest &) = default;
};

/// A frame the server cannot act on, and why.
struct ProtocolError {
    ErrorCode code = ErrorCode::Unknown;
    QString detail;   ///< English, for logs and for clients that show it as is.
    QString clientId; ///< The request's valid "client_id", so the error names the request it refuses.
    friend bool operator==(const ProtocolError &, const ProtocolError &) = default;
};

using ClientRequest =
    std::variant<ChatSend, HistoryRequest, TypingRequest, EditRequest, DeleteRequest, ReactionRequest, ReadRequest,
                 RoomSetRequest, GrantRequest, RevokeRequest, ModerationRequest, ProtocolError>;

/// Parses one text frame from a client. Never throws; bad input becomes a ProtocolError.
ClientRequest parseClientRequest(QByteArrayView utf8);

/// Encodes requests as the desktop client sends them.
QByteArray encodeClientRequest(const ChatSend &request);
QByteArray encodeClientRequest(const HistoryRequest &request);
QByteArray encodeClientRequest(const TypingRequest &request);
QByteArray encodeClientRequest(const EditRequest &request);
QByteArray encodeClientRequest(const DeleteRequest &request);
QByteArray encodeClientRequest(const ReactionRequest &request);
QByteArray encodeClientRequest(const ReadRequest &request);
QByteArray encodeClientRequest(const ModerationRequest &request);
QByteArray encodeClientRequest(const RoomSetRequest &request);
QByteArray encodeClientRequest(const GrantRequest &request);
QByteArray encodeClientRequest(const RevokeRequest &request);

} // namespace Kaiwa
