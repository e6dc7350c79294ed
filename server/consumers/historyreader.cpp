// SPDX-License-Identifier: MIT
#include "historyreader.h"

#include "chatgroup.h"
#include "storage/messagestore.h"

#include <algorithm>

namespace Kaiwa::Server {

namespace {
// The first read knows nothing of the room's message sizes: a few rows, so that even rooms of the
// largest messages --max-message-bytes allows are read a few at a time.
constexpr int s_firstRows = 4;
// Rows of small messages per read: a 500-message page of short lines is a handful of reads.
constexpr int s_maxRows = 64;
} // namespace

HistoryReader::HistoryReader(MessageStore *store, qint64 budgetBytes)
    : m_store(store)
    , m_budgetBytes(budgetBytes)
{
}

int HistoryReader::rowsFor(qint64 usedBytes, qint64 largestBytes, int wanted) const
{
    const qint64 fitting = largestBytes > 0 ? (m_budgetBytes - usedBytes) / largestBytes + 1 : s_firstRows;
    return int(std::clamp<qint64>(std::min<qint64>(fitting, wanted), 1, s_maxRows));
}

HistoryReader::Answer HistoryReader::before(const QString &room, qint64 beforeId, int limit) const
{
    Answer answer; // newest first while reading
    qint64 used = 0;
    qint64 largest = 0;
    qint64 cursor = beforeId;
    for (bool full = false; !full;) {
        // One row more than the limit needs tells whether older messages exist.
        const int rows = rowsFor(used, largest, limit - int(answer.entries.size()) + 1);
        const QList<ChatMessage> batch = cursor > 0 ? m_store->before(room, cursor, rows) : m_store->latest(room, rows);
        for (auto message = batch.crbegin(); message != batch.crend(); ++message) {
            Envelope envelope = ChatGroup::envelope(*message);
            const qint64 size = envelope.payload().size();
            if (answer.entries.size() == limit || (!answer.entries.isEmpty() && used + size > m_budgetBytes)) {
                answer.more = true;
                full = true;
                break;
            }
            used += size;
            largest = std::max(largest, size);
            answer.entries.append({*message, std::move(envelope)});
        }
        if (batch.size() < rows)
            break; // nothing older (or the store failed: it said why in its log)
        cursor = batch.first().id;
    }
    std::reverse(answer.entries.begin(), answer.entries.end());
    return answer;
}

HistoryReader::Answer HistoryReader::after(const QString &room, qint64 afterId, qint64 messagesUpTo) const
{
    Answer answer;
    qint64 used = 0;
    qint64 largest = 0;
    qint64 cursor = afterId;
    for (;;) {
        const int rows = rowsFor(used, largest, s_maxRows);
        const QList<RoomEvent> batch = m_store->events(room, cursor, messagesUpTo, rows);
        for (const RoomEvent &event : batch) {
            Envelope envelope = ChatGroup::envelope(event);
            const qint64 size = envelope.payload().size();
            if (!answer.entries.isEmpty() && used + size > m_budgetBytes) {
                answer.more = true;
                return answer;
            }
            used += size;
            largest = std::max(largest, size);
            answer.entries.append({event, std::move(envelope)});
        }
        if (batch.size() < rows)
            return answer;
        cursor = RoomEvents::id(batch.last());
    }
}

} // namespace Kaiwa::Server
