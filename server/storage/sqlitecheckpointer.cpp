// SPDX-License-Identifier: MIT
#include "sqlitecheckpointer.h"

#include "storagelogging.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <chrono>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

// A quiet database still gets its last commits checkpointed this long after them.
constexpr std::chrono::seconds s_idleCheckpointDelay{1};

} // namespace

SqliteCheckpointer::SqliteCheckpointer(const QString &databasePath, const QString &connectOptions,
                                       int commitsPerCheckpoint)
    : m_databasePath(databasePath)
    , m_connectOptions(connectOptions)
    , m_commitsPerCheckpoint(commitsPerCheckpoint)
    , m_thread([this] { run(); })
{
}

SqliteCheckpointer::~SqliteCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void SqliteCheckpointer::noteCommit()
{
    // Wakes the thread once per batch; the lock makes the wake-up impossible to miss.
    if (m_pendingCommits.fetch_add(1, std::memory_order_relaxed) + 1 == m_commitsPerCheckpoint) {
        std::lock_guard lock(m_mutex);
        m_wake.notify_one();
    }
}

void SqliteCheckpointer::run()
{
    // QSqlDatabase connections belong to the thread that opens them: this one is opened, used and
    // removed here only.
    const QString connectionName = u"kaiwa-checkpointer-%1"_s.arg(quintptr(this), 0, 16);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
        db.setDatabaseName(m_databasePath);
        db.setConnectOptions(m_connectOptions);
        if (!db.open()) {
            qCWarning(lcStorage).noquote() << "checkpointer: cannot open" << m_databasePath << ":"
                                           << db.lastError().text() << "- the writer checkpoints instead";
        } else {
            QSqlQuery checkpoint(db);
            std::unique_lock lock(m_mutex);
            while (!m_stopping) {
                m_wake.wait_for(lock, s_idleCheckpointDelay, [this] {
                    return m_stopping || m_pendingCommits.load(std::memory_order_relaxed) >= m_commitsPerCheckpoint;
                });
                if (m_stopping || m_pendingCommits.exchange(0, std::memory_order_relaxed) == 0)
                    continue;
                lock.unlock();
                // PASSIVE: copies what no reader still needs, never waits for the writer.
                if (checkpoint.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s))
                    m_checkpoints.fetch_add(1, std::memory_order_relaxed);
                else
                    qCDebug(lcStorage) << "checkpointer:" << checkpoint.lastError().text();
                checkpoint.finish();
                lock.lock();
            }
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
}

} // namespace Kaiwa::Server
