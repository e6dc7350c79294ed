// SPDX-License-Identifier: MIT
#pragma once

#include "reactionsummary.h"
#include "replyquote.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Kaiwa {

/**
 * One chat message as every member of a room receives it (type "chat.message").
 *
 * A frame from a tutorial-only server carries only "message": it parses with id 0,
 * no user and no time, and the receiver fills in what it knows.
 *
 * Live, a message carries what it was sent with (reply quote, mentions); replayed or paged, it
 * shows its current state: the edited text and when, a deleted message as a tombstone without
 * text, reactions summed up per emoji (docs/protocol.md).
 */
struct ChatMessage {
    qint64 id = 0; ///< Per-room, strictly increasing; 0 when the server gives none.
    QString room;
    QString user;                      ///< Sender's display name as the server relays it.
    QDateTime time;                    ///< When the server accepted the message (UTC).
    QString text;                      ///< The "message" field: plain text, never HTML.
    QString clientId;                  ///< The sender's idempotency key, echoed back; may be empty.
    bool verified = false;             ///< The sender was signed in to an account and `user` is its name.
    std::optional<ReplyQuote> replyTo; ///< The message this one answers.
    QStringList mentions;              ///< The names the text addresses with `@name` (Mentions::extract), in order.
    QDateTime edited;                  ///< When the text was last edited; invalid when never.
    bool deleted = false;              ///< Taken back: `text` is empty.
    QList<ReactionSummary> reactions;  ///< Per emoji, in the order the first of each came.

    QJsonObject toJson() const;
    /// toJson() as a compact UTF-8 frame payload, byte for byte, written directly (the hot path of
    /// every broadcast).
    QByteArray toWire() const;
    static ChatMessage fromJson(const QJsonObject &object);

    friend bool operator==(const ChatMessage &, const ChatMessage &) = default;
};

} // namespace Kaiwa
