// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/messagestore.h"

#include <QThread>

#include <functional>
#include <future>
#include <memory>
#include <optional>

namespace Kaiwa::Server {

/**
 * Stores GroupCommit's batches on a thread and a database connection of its own, so the event loop does not wait
 * for the write: with PostgreSQL a batch is a network round trip (and the server's commit), during which the loop
 * would otherwise stand still (docs/performance.md, "The store off the loop (PostgreSQL)").
 *
 * One batch at a time: submit() starts one, its outcome is ready when the commit finished, and `ready` is called on
 * the worker thread right after (to post a wake-up to the owner's thread). The store is made, opened, used and
 * destroyed on the worker thread only (QSqlDatabase connections belong to the thread that made them).
 */
class AppendWorker final
{
public:
    /// Makes the worker's own store, closed (start() opens it); called on the worker thread.
    using StoreFactory = std::function<std::unique_ptr<MessageStore>(QString *error)>;

    struct Outcome {
        std::optional<QList<MessageStore::AppendResult>> results; ///< Nothing when the write failed.
        QString error;                                            ///< The store's reason, when it failed.
        qint64 nanoseconds = 0;                                   ///< How long appendAll() took.
    };

    explicit AppendWorker(StoreFactory factory);
    /// Lets a batch in flight finish (it is committed, nobody hears of it), then closes the connection.
    ~AppendWorker();

    /// Starts the thread and opens the store there; false with the reason when it could not.
    bool start(QString *error);

    /// Stores `batch` on the worker thread; `ready` runs there once the outcome is set.
    std::future<Outcome> submit(QList<MessageStore::PendingAppend> batch, std::function<void()> ready);

private:
    StoreFactory m_factory;
    QThread m_thread;
    QObject *m_context = nullptr;          ///< Lives on m_thread: what work is queued to.
    std::unique_ptr<MessageStore> m_store; ///< Touched on m_thread only.
};

} // namespace Kaiwa::Server
