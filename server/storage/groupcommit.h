// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/appendworker.h"
#include "server/storage/messagestore.h"

#include <QObject>

#include <functional>
#include <future>
#include <memory>
#include <optional>

namespace Kaiwa::Server {

/**
 * Group commit of chat messages: the messages posted during one turn of the event loop are stored together, in one
 * write transaction (MessageStore::appendAll()), when the loop gets to its posted events, i.e. after it dispatched
 * every socket that was ready. Each caller's callback then runs in the order of the posts, which is the order of
 * their ids within a room, and only after the commit: what the caller acknowledges or broadcasts is stored.
 *
 * Why: most of what a durable append costs is the transaction (SQLite's lock, its WAL frames and the pages the
 * commit rewrites; PostgreSQL's BEGIN/COMMIT round trips), not the row. Under load many messages arrive per turn
 * and share it; when the loop is idle a message waits for nothing but the end of its own turn (docs/performance.md).
 *
 * flush() stores what is queued at once: ChatService calls it before an edit, delete or reaction and before a close
 * it starts, so a connection's requests take effect in the order they came.
 *
 * With an AppendWorker (setWorker(), PostgreSQL) the batch is written on the worker's thread and connection, and the
 * loop goes on meanwhile: what is posted while a batch is in flight forms the next one, submitted when the callbacks
 * of the first have run. flush() then waits for the batch in flight and stores the rest, blocking.
 *
 * A failed write fails the whole batch: every callback gets nothing and nothing of it was stored (the senders get
 * store_failed and may retry). Messages still queued when the writer is destroyed were never acknowledged; their
 * callbacks do not run.
 */
class GroupCommit final : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const std::optional<MessageStore::AppendResult> &stored)>;

    /// At most this many messages go into one transaction; more wait for the next one, in the same flush.
    static constexpr int MaxBatch = 512;
    /**
     * And at most this much text (one message more when the first is larger): a batch's broadcasts go out in one
     * turn, and a sender of large messages gets all their echoes at once. While a worker writes one batch the next
     * one grows; unbounded, a client that sent 200 messages of 60 KB at once would find 12 MB of echoes queued
     * and be closed as a slow reader (tst_historybudget's fill did).
     */
    static constexpr qsizetype MaxBatchBytes = 1024 * 1024;

    /// The store is not owned and must outlive the writer.
    explicit GroupCommit(MessageStore *store, QObject *parent = nullptr);
    ~GroupCommit() override;

    /// From now on batches are written by `worker` (started), off the loop. Set before the first append().
    void setWorker(std::unique_ptr<AppendWorker> worker);

    /// Queues a message for the end of this turn; `done` gets its result after the commit (never before this returns).
    void append(const ChatMessage &message, const QString &author, Done done);
    /// Stores what is queued now (the end of a turn does it by itself).
    void flush();

    /// How many messages are waiting for their commit (queued or in flight).
    qsizetype pending() const { return m_batch.size() + m_inFlight.size(); }

Q_SIGNALS:
    /// A batch was committed (or failed, `stored` false): how many messages and how long the store took.
    void committed(int messages, qint64 nanoseconds, bool stored);

private:
    void flushAtEndOfTurn();
    /// Moves up to MaxBatch queued messages (and MaxBatchBytes of text) out of the queue: their callbacks go to `done`.
    QList<MessageStore::PendingAppend> takeBatch(QList<Done> &done);
    /// Emits committed() and runs the callbacks of a batch, in order.
    void finish(const QList<Done> &done, const std::optional<QList<MessageStore::AppendResult>> &results,
                const QString &error, qint64 nanoseconds);
    /// With a worker: submits the next batch unless one is in flight.
    void submitNext();
    /// With a worker: the batch in flight is done (posted by the worker); a flush() may have taken it already.
    void collect();
    void collectInFlight();

    MessageStore *m_store;
    std::unique_ptr<AppendWorker> m_worker;
    QList<MessageStore::PendingAppend> m_batch;
    QList<Done> m_done;
    QList<Done> m_inFlight;                       ///< The callbacks of the batch the worker is writing.
    std::future<AppendWorker::Outcome> m_outcome; ///< Valid while a batch is in flight.
    bool m_flushScheduled = false;
};

} // namespace Kaiwa::Server
