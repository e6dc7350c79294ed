// SPDX-License-Identifier: MIT
#pragma once

#include "outbox.h"

#include "common/chatmessage.h"

#include <QAbstractListModel>
#include <QSet>

#include <functional>

namespace Kaiwa::Client {

class LogTimeFormat;

/**
 * The chat log of one room, oldest first: received messages, the user's own messages (pending ones
 * at the bottom until the server confirms them) and notices from the client itself.
 *
 * Messages are deduplicated by server id and matched to pending entries by client id, so replays
 * after a reconnect, history pages and echoes of the user's own messages never show up twice.
 * Text is plain text; nothing in the model is HTML.
 *
 * The order is the server's (by id), which for the user's own messages is the order they were typed
 * in: the outbox writes them in that order and the server numbers them as they come. A message's time
 * is the server's, when it stored the message; an own message sent from the outbox after a reconnect
 * keeps the time it was typed as TypedTimeRole, which the tooltip mentions.
 *
 * Whether a received message is the user's own (sent before a restart, or from another device of the
 * same account) is decided by the room: setOwnTest().
 */
class ChatLogModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Kind {
        Message,
        Notice, ///< A line from the client (e.g. "messages are missing here"); no sender.
    };
    Q_ENUM(Kind)

    enum class Delivery {
        Received,    ///< Someone else's message.
        Pending,     ///< Own message in the outbox.
        Delivered,   ///< Own message the server confirmed.
        Unconfirmed, ///< Own message whose confirmation was lost with the link (tutorial servers).
        Failed,      ///< Own message the server refused.
    };
    Q_ENUM(Delivery)

    enum Roles {
        SenderRole = Qt::UserRole + 1, ///< QString: display name as relayed.
        TimeRole,                      ///< QDateTime (UTC): when the server accepted it.
        TextRole,                      ///< QString: plain text.
        IsOwnRole,                     ///< bool: sent by this client.
        IsPendingRole,                 ///< bool: own and not yet confirmed.
        IdRole,                        ///< qint64: server id, 0 if none.
        ClientIdRole,                  ///< QString: idempotency key of own messages.
        DeliveryRole,                  ///< Delivery.
        KindRole,                      ///< Kind.
        VerifiedRole,                  ///< bool: the sender was signed in and the name is its account's.
                                       ///< Qt::AccessibleDescriptionRole and the tool tip say so in words.
        TypedTimeRole,                 ///< QDateTime (UTC): when the user sent an own message of this run.
    };
    Q_ENUM(Roles)

    explicit ChatLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Decides whether a received message (live, replayed or from history) is the user's own.
    using OwnTest = std::function<bool(const Kaiwa::ChatMessage &)>;
    /// Sets the test for messages from now on; recheckOwn() applies it to those in the log.
    void setOwnTest(OwnTest test) { m_ownTest = std::move(test); }
    /// Applies the own test again to every confirmed message (after a sign-in, say).
    void recheckOwn();

    /**
     * Adds a received message: updates the own entry with the same client id, ignores an id already
     * in the log, appends anything else (above the pending block).
     */
    void addMessage(const Kaiwa::ChatMessage &message);
    /// Adds an own message that waits in the outbox, at the bottom.
    void addPending(const OutgoingMessage &message, const QString &sender);
    /// Sets the delivery state of an own message; `id` (if not 0) becomes its server id.
    void setDelivery(const QString &clientId, Delivery delivery, qint64 id = 0);
    /// Inserts a page of older messages (oldest first) at the top, skipping known ids.
    void prependHistory(const QList<Kaiwa::ChatMessage> &messages);
    /// Adds a client notice above the pending block.
    void addNotice(const QString &text);

    /// The smallest server id in the log, 0 if none.
    qint64 oldestId() const;
    qsizetype pendingCount() const { return m_pendingCount; }

    /// What the views say of a message when asked: the tooltip (full date and time, sign-in, delivery).
    static QString toolTip(const QModelIndex &index, const LogTimeFormat &format);
    /// A message as a screen reader says it: "alice at 21:04: hello" (notices: their text).
    static QString accessibleName(const QModelIndex &index, const LogTimeFormat &format);
    /// What the name leaves out: the full date and time, whether the sender is signed in, delivery.
    static QString accessibleDescription(const QModelIndex &index, const LogTimeFormat &format);
    /// The delivery state in words ("waiting to be sent"); empty for received and delivered messages.
    static QString deliveryText(Delivery delivery);

private:
    struct Entry {
        Kind kind = Kind::Message;
        Kaiwa::ChatMessage message;
        bool own = false;
        Delivery delivery = Delivery::Received;
        QDateTime typed; ///< Own messages of this run: when the user sent it.
    };

    int rowOfClientId(const QString &clientId) const;
    /// Row where confirmed entries end and pending ones begin.
    int firstPendingRow() const { return int(m_entries.size() - m_pendingCount); }
    void insertConfirmed(Entry entry);
    /// Moves a pending entry out of the pending block (to its top) before it stops being pending.
    int settle(int row);
    Entry received(const Kaiwa::ChatMessage &message) const;
    static QString verifiedText(const QString &user);

    QList<Entry> m_entries;
    QSet<qint64> m_ids;
    QSet<QString> m_sentClientIds; ///< Of the own messages added with addPending().
    qsizetype m_pendingCount = 0;
    OwnTest m_ownTest;
};

} // namespace Kaiwa::Client
