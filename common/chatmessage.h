// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace Kaiwa {

/**
 * One chat message as every member of a room receives it (type "chat.message").
 *
 * A frame from a tutorial-only server carries only "message": it parses with id 0,
 * no user and no time, and the receiver fills in what it knows.
 */
struct ChatMessage {
    qint64 id = 0;        ///< Per-room, strictly increasing; 0 when the server gives none.
    QString room;
    QString user;         ///< Sender's display name as the server relays it.
    QDateTime time;       ///< When the server accepted the message (UTC).
    QString text;         ///< The "message" field: plain text, never HTML.
    QString clientId;     ///< The sender's idempotency key, echoed back; may be empty.
    bool verified = false; ///< The sender was signed in to an account and `user` is its name.

    QJsonObject toJson() const;
    /// toJson() as a compact UTF-8 frame payload, byte for byte, written directly (the hot path of
    /// every broadcast).
    QByteArray toWire() const;
    static ChatMessage fromJson(const QJsonObject &object);

    friend bool operator==(const ChatMessage &, const ChatMessage &) = default;
};

} // namespace Kaiwa
