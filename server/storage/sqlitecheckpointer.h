// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace Kaiwa::Server {

/**
 * Checkpoints an SQLite WAL database from its own thread and connection, so the daemon's event loop
 * does not: a checkpoint copies the WAL into the database file and fsyncs both, which takes
 * milliseconds on a real disk, and SQLite runs it inside whichever commit crosses
 * `wal_autocheckpoint`. On the event loop that was the W2 p99 (7-9 ms instead of under 1 ms).
 *
 * The writer calls noteCommit() after each commit (an atomic increment); every `commitsPerCheckpoint`
 * commits, or a second after the last one, the thread runs `PRAGMA wal_checkpoint(PASSIVE)`, which
 * never takes the writer's lock. Small and frequent is deliberate: while a checkpoint's fsync runs,
 * ext4 makes the writer's own WAL writes wait for its journal, so the stall grows with the batch
 * (W2 p99 with the file store: 64 commits 1.4 ms, 256 commits 3-11 ms, 2048 commits 19 ms). A passive checkpoint cannot
 * reset a WAL that keeps growing under constant writes, so the writer keeps SQLite's own automatic checkpoint at a high
 * mark as the backstop; by then nearly every frame is already in the database file and that checkpoint is short.
 */
class SqliteCheckpointer
{
public:
    /// The writer's `wal_autocheckpoint` while a checkpointer runs (pages, 64 MiB at 4 KiB pages).
    static constexpr int BackstopPages = 16384;

    /// @param connectOptions QSqlDatabase connect options of the writer (e.g. QSQLITE_OPEN_URI).
    SqliteCheckpointer(const QString &databasePath, const QString &connectOptions, int commitsPerCheckpoint = 64);
    ~SqliteCheckpointer();
    SqliteCheckpointer(const SqliteCheckpointer &) = delete;
    SqliteCheckpointer &operator=(const SqliteCheckpointer &) = delete;

    void noteCommit();
    /// Checkpoints run so far (for tests and logs).
    int checkpoints() const { return m_checkpoints.load(std::memory_order_relaxed); }

private:
    void run();

    const QString m_databasePath;
    const QString m_connectOptions;
    const int m_commitsPerCheckpoint;
    std::atomic<int> m_pendingCommits{0};
    std::atomic<int> m_checkpoints{0};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false; // guarded by m_mutex
    std::thread m_thread;
};

} // namespace Kaiwa::Server
