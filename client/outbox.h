// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Kaiwa::Client {

/// One message the user sent that the server has not confirmed yet.
struct OutgoingMessage {
    QString clientId; ///< Idempotency key (a UUID), sent as "client_id".
    QString text;
    QDateTime created;    ///< When the user sent it (UTC).
    bool written = false; ///< Handed to the current link; false again after the link is lost.
    qint64 replyTo = 0;   ///< The message this one answers; 0: none.

    friend bool operator==(const OutgoingMessage &, const OutgoingMessage &) = default;
};

/**
 * The messages a room still has to deliver, oldest first.
 *
 * A kaiwa.v1 server stores each message with its client id, so after a lost link every unconfirmed
 * message is written again and the server answers a repeat with a duplicate ack instead of storing it
 * twice. A tutorial-only server knows no client ids: there a message counts as delivered when an echo
 * with the same text arrives, and a message whose echo was lost with the link cannot be told apart
 * from one the server never saw, so it is dropped (reported unconfirmed) rather than risk a double.
 */
class Outbox
{
public:
    /// Queues a message under `clientId` (a new UUID when empty), answering `replyTo` (0: none), and returns it.
    const OutgoingMessage &add(const QString &text, const QString &clientId = {}, qint64 replyTo = 0);

    const QList<OutgoingMessage> &messages() const { return m_messages; }
    bool isEmpty() const { return m_messages.isEmpty(); }
    qsizetype size() const { return m_messages.size(); }
    bool contains(const QString &clientId) const;

    void markWritten(const QString &clientId);
    /// After a lost link: every message is to be written again.
    void markAllUnwritten();

    /// Removes and returns the message with this client id (confirmed by an ack or its echo).
    std::optional<OutgoingMessage> take(const QString &clientId);
    /// Tutorial servers: removes and returns the oldest written message with exactly this text.
    std::optional<OutgoingMessage> takeEcho(const QString &text);
    /// Tutorial servers, after a lost link: removes the written messages and returns their client ids.
    QStringList dropWritten();

private:
    QList<OutgoingMessage> m_messages;
};

} // namespace Kaiwa::Client
