// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/sqlmessagestore.h"

#include <memory>

namespace Kaiwa::Server {

class SqliteCheckpointer;

/**
 * MessageStore on an SQLite file (or ":memory:"), through Qt Sql's QSQLITE driver.
 *
 * append() of a message is a write transaction of a few statements (SqlMessageStore): the message, whose id
 * comes from the room's counter that a trigger advances, and its row in the search index (SqlSearchIndex),
 * which the message's one statement cannot write too. So are a reply (its quote is read under the lock) and
 * the events that change a message (appendEvent()).
 *
 * Files run in WAL mode with synchronous=NORMAL: a committed append survives a crash of the
 * process (kill -9), and only an operating system crash or power loss may lose the last few
 * commits. WAL checkpoints run on a thread of their own (SqliteCheckpointer), not in the caller's.
 * Several daemons may share one file; append() serialises them with a write lock, so
 * ids stay unique and increasing. identity() is the random identity of the database plus the
 * file's own id (SqliteFileLock::fileId()), so a copy of the file is another database.
 *
 * SQL lives in `sql/sqlite/` (see SqlResource); every statement is prepared once in open().
 * Like every QSqlDatabase connection, a store must only be used from the thread that opened it.
 */
class SqliteMessageStore final : public SqlMessageStore
{
public:
    /// How long a write waits for another connection's write lock before it fails.
    static constexpr int BusyTimeoutMs = 5000;

    /**
     * @param databasePath file to open or create (missing parent folders are created), ":memory:"
     *        for a throwaway store, or an SQLite "file:" URI (e.g. `file:/x/chat.db?mode=ro`).
     * @param connectionName QSqlDatabase connection name, unique in the process. The connection
     *        exists between open() and close() / the destructor.
     */
    SqliteMessageStore(const QString &databasePath, const QString &connectionName);
    ~SqliteMessageStore() override;
    Q_DISABLE_COPY_MOVE(SqliteMessageStore)

    /// Whether the QSQLITE driver plugin can be loaded.
    static bool isAvailable();
    /// As a MessageStoreRegistry backend: file paths, `file:` URIs and ":memory:", no URL scheme.
    static QStringList urlSchemes() { return {}; }
    static QString specUsage();
    static std::unique_ptr<MessageStore> create(const QString &spec, const QString &connectionName, QString *error);
    /// The schema version this build creates and understands.
    static int schemaVersion();

    QString databasePath() const { return m_databasePath; }
    /// The file SQLite opened, as an absolute path (valid after open()); empty for an in-memory database.
    QString databaseFile() const override { return m_databaseFile; }

    /// Closes the database and removes the QSqlDatabase connection; open() may be called again.
    void close();

    QString backendId() const override;
    bool open() override;
    /// The file as an absolute path once open (":memory:" or the path given otherwise).
    QString displayName() const override { return m_databaseFile.isEmpty() ? m_databasePath : m_databaseFile; }
    /// The background checkpointer of a WAL file (null in memory); for tests.
    const SqliteCheckpointer *checkpointer() const { return m_checkpointer.get(); }
    int enforceRetention(const RetentionPolicy &policy, int batchLimit) override;

protected:
    bool usesStatement(Statement which) const override;
    bool beginWrite() override;
    bool commitWrite() override;
    void rollbackWrite() override;
    std::optional<qint64> reserveId(const Row &row) override;
    bool releaseId(const Row &row, qint64 reservedId) override;
    std::optional<qint64> insertRow(const Row &row, qint64 reservedId) override;

private:
    void startCheckpointer();
    void noteCommit();
    bool readIdentity();

    QString m_databasePath;
    QString m_databaseFile;
    std::unique_ptr<SqliteCheckpointer> m_checkpointer; ///< WAL files only
};

} // namespace Kaiwa::Server
