// SPDX-License-Identifier: MIT
#pragma once

#include "layers/envelope.h"
#include "storage/roomevent.h"

#include <QByteArray>
#include <QList>

namespace Kaiwa::Server {

class MessageStore;

/**
 * Reads history for one answer within a byte budget (docs/protocol.md, "History budget"): an API
 * page, a socket page, one step of a replay. Messages are added while their wire JSON fits in the
 * budget; the first always goes, so a message larger than the budget is sent alone.
 *
 * The store is read in small batches sized from the messages seen so far, so building an answer
 * holds about one budget of messages, not `limit` of them: 500 messages of 64 KiB were 32 MB.
 */
class HistoryReader
{
public:
    struct Entry {
        RoomEvent event;   ///< A ChatMessage in the answers of before().
        Envelope envelope; ///< ChatGroup::envelope(event): what a replay sends; its payload is what it costs.
    };
    struct Answer {
        QList<Entry> entries; ///< Oldest first.
        bool more = false;    ///< Messages exist beyond this answer (older for before(), newer for after()).
    };

    /// The store is not owned and must outlive the reader.
    HistoryReader(MessageStore *store, qint64 budgetBytes);

    /// Up to `limit` of the newest messages with id < beforeId (0: the newest of all), within the budget.
    Answer before(const QString &room, qint64 beforeId, int limit) const;
    /**
     * The oldest events with id > afterId, within the budget; those with id <= messagesUpTo only when they
     * are messages (MessageStore::events()).
     */
    Answer after(const QString &room, qint64 afterId, qint64 messagesUpTo) const;

private:
    /// Rows for the next read: enough to fill what is left of the budget with messages the size of
    /// the largest seen, and one more to tell whether the answer is complete.
    int rowsFor(qint64 usedBytes, qint64 largestBytes, int wanted) const;

    MessageStore *m_store;
    qint64 m_budgetBytes;
};

} // namespace Kaiwa::Server
