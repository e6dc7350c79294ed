// SPDX-License-Identifier: MIT
#pragma once

#include "outbox.h"

#include "common/chatmessage.h"

#include <QAbstractListModel>
#include <QSet>

namespace Kaiwa::Client {

/**
 * The chat log of one room, oldest first: received messages, the user's own messages (pending ones
 * at the bottom until the server confirms them) and notices from the client itself.
 *
 * Messages are deduplicated by server id and matched to pending entries by client id, so replays
 * after a reconnect, history pages and echoes of the user's own messages never show up twice.
 * Text is plain text; nothing in the model is HTML.
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
    };
    Q_ENUM(Roles)

    explicit ChatLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

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

private:
    struct Entry {
        Kind kind = Kind::Message;
        Kaiwa::ChatMessage message;
        bool own = false;
        Delivery delivery = Delivery::Received;
    };

    int rowOfClientId(const QString &clientId) const;
    /// Row where confirmed entries end and pending ones begin.
    int firstPendingRow() const { return int(m_entries.size() - m_pendingCount); }
    void insertConfirmed(Entry entry);
    /// Moves a pending entry out of the pending block (to its top) before it stops being pending.
    int settle(int row);
    QString accessibleText(const Entry &entry) const;
    QString verifiedText(const Entry &entry) const;

    QList<Entry> m_entries;
    QSet<qint64> m_ids;
    qsizetype m_pendingCount = 0;
};

} // namespace Kaiwa::Client
