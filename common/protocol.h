// SPDX-License-Identifier: MIT
#pragma once

#include <QLatin1StringView>

/**
 * Constants of the Kaiwa wire protocol (docs/protocol.md).
 *
 * The tutorial's protocol is the base: a client sends {"message": "..."} and every member
 * of the room receives an object carrying "message". Clients that negotiate the
 * `kaiwa.v1` WebSocket subprotocol additionally receive typed events that carry no
 * "message" (acks, history pages, presence), which a tutorial-only page would print as junk.
 */
namespace Kaiwa::Protocol {

/// The WebSocket subprotocol that opts a client into typed events.
inline constexpr QLatin1StringView subprotocol{"kaiwa.v1"};

/// Default largest text message a client may send, in bytes (UTF-8).
inline constexpr qsizetype defaultMaxMessageBytes = 64 * 1024;

/// Largest display name, in characters, after sanitising.
inline constexpr qsizetype maxDisplayNameLength = 64;

/// Largest client id (used for idempotent sends), in characters.
inline constexpr qsizetype maxClientIdLength = 64;

/// Largest history page a client may request.
inline constexpr int maxHistoryPage = 500;

/**
 * Byte budget of one history answer (an API page, a socket page, one step of a replay): messages are
 * added while their JSON fits, so a client asking for 500 large messages gets fewer and `"more": true`.
 * A single message larger than the budget still goes, alone. The server uses a quarter of
 * --max-send-queue instead when that is smaller (docs/protocol.md, "History budget").
 */
inline constexpr qint64 historyBudgetBytes = 1024 * 1024;

/// A client sends at most one typing notification per this interval while the user types; the server
/// relays at most one per connection per interval and drops (coalesces) the others.
inline constexpr int typingIntervalMs = 2000;

/// How long a typing indicator stays up without a new notification ("expires_in_ms").
inline constexpr int typingExpiryMs = 5000;

/// WebSocket close codes of the Kaiwa protocol, in the range RFC 6455 leaves to applications (docs/protocol.md).
namespace CloseCode {
/// The connection's session ended: signed out, password changed, account removed, or expired.
inline constexpr quint16 sessionEnded = 4001;
/// The daemon now requires signing in (--require-login, turned on by a reload) and the connection is anonymous.
inline constexpr quint16 signInRequired = 4003;
/// A moderator kicked the connection's member out of the room (reason: the moderator's); it may come back.
inline constexpr quint16 kicked = 4010;
/// A moderator banned the connection's account or address from the room; do not reconnect (the upgrade answers 403).
inline constexpr quint16 banned = 4011;
/// The connection's account lost access to a private room (revoked, or the room was made private); do not reconnect.
inline constexpr quint16 roomUnavailable = 4012;
/// Bytes a close frame's reason may hold (RFC 6455: 125 with the two bytes of the code).
inline constexpr qsizetype maxReasonBytes = 123;
} // namespace CloseCode

/// Longest reason of a kick, ban or mute, in characters (docs/protocol.md, "Moderation").
inline constexpr qsizetype maxModerationReasonLength = 200;
/// Longest ban or mute with "minutes": a year.
inline constexpr qint64 maxModerationMinutes = 525600;

/// Reactions: distinct emoji on one message, and different emoji one person may put on one message.
inline constexpr int maxReactionsPerMessage = 20;
inline constexpr int maxReactionsPerReactor = 10;
/// Largest reaction, in UTF-8 bytes (one emoji, flags and family sequences included).
inline constexpr qsizetype maxEmojiBytes = 32;
/// Reactors named per emoji in a message's summary ("count" is exact).
inline constexpr int maxReactionUsersListed = 20;
/// Characters of the replied-to message a reply carries as its quote.
inline constexpr qsizetype replyExcerptLength = 100;
/// Longest name a mention (`@name`) can address.
inline constexpr qsizetype maxMentionLength = 64;
/// Unread messages (and mentions among them) are counted up to this many; clients show more as "999+".
inline constexpr int maxUnreadCount = 1000;
/// A client reports what it read at most once per this interval per room (docs/protocol.md, "Read markers").
inline constexpr int readIntervalMs = 1000;
/// Longest room topic, in characters (code points); control characters are refused.
inline constexpr qsizetype maxTopicLength = 300;

namespace Type {
inline constexpr QLatin1StringView chatMessage{"chat.message"};
inline constexpr QLatin1StringView error{"error"};
inline constexpr QLatin1StringView ack{"ack"};
inline constexpr QLatin1StringView history{"history"};
inline constexpr QLatin1StringView historyGap{"history.gap"};
inline constexpr QLatin1StringView welcome{"welcome"};
inline constexpr QLatin1StringView presence{"presence"};
inline constexpr QLatin1StringView memberJoined{"member.joined"};
inline constexpr QLatin1StringView memberLeft{"member.left"};
inline constexpr QLatin1StringView typing{"typing"};
inline constexpr QLatin1StringView edit{"edit"};
inline constexpr QLatin1StringView remove{"delete"};
inline constexpr QLatin1StringView react{"react"};
inline constexpr QLatin1StringView unreact{"unreact"};
inline constexpr QLatin1StringView chatEdit{"chat.edit"};
inline constexpr QLatin1StringView chatDelete{"chat.delete"};
inline constexpr QLatin1StringView chatReaction{"chat.reaction"};
inline constexpr QLatin1StringView historyReset{"history.reset"};
inline constexpr QLatin1StringView read{"read"};
inline constexpr QLatin1StringView kick{"kick"};
inline constexpr QLatin1StringView ban{"ban"};
inline constexpr QLatin1StringView unban{"unban"};
inline constexpr QLatin1StringView mute{"mute"};
inline constexpr QLatin1StringView unmute{"unmute"};
inline constexpr QLatin1StringView moderation{"moderation"};
inline constexpr QLatin1StringView roomSet{"room.set"};
inline constexpr QLatin1StringView grant{"grant"};
inline constexpr QLatin1StringView revoke{"revoke"};
inline constexpr QLatin1StringView roomSettings{"room.settings"};
inline constexpr QLatin1StringView roomRole{"room.role"};
} // namespace Type

} // namespace Kaiwa::Protocol
