// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/messagestore.h"
#include "server/storage/sqlresource.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <vector>

class QSqlError;

namespace Kaiwa::Server {

/**
 * MessageStore on an SQLite file (or ":memory:"), through Qt Sql's QSQLITE driver.
 *
 * Files run in WAL mode with synchronous=NORMAL: a committed append survives a crash of the
 * process (kill -9), and only an operating system crash or power loss may lose the last few
 * commits. Several daemons may share one file; append() serialises them with a write lock, so
 * ids stay unique and increasing.
 *
 * SQL lives in `sql/sqlite/` (see SqlResource); every statement is prepared once in open().
 * Like every QSqlDatabase connection, a store must only be used from the thread that opened it.
 */
class SqliteMessageStore final : public MessageStore
{
public:
    /// Larger `limit`s of latest/before/after are clamped to this.
    static constexpr int MaxPageSize = 1000;
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
    /// The schema version this build creates and understands.
    static int schemaVersion();

    QString databasePath() const { return m_databasePath; }
    QString connectionName() const { return m_connectionName; }
    bool isOpen() const;

    /// Replaces the clock that stamps messages and ages them for retention (UTC); for tests.
    void setClock(std::function<QDateTime()> clock);

    /// Closes the database and removes the QSqlDatabase connection; open() may be called again.
    void close();

    QString backendId() const override;
    bool open() override;
    std::optional<AppendResult> append(const ChatMessage &message) override;
    QList<ChatMessage> latest(const QString &room, int limit) override;
    QList<ChatMessage> before(const QString &room, qint64 beforeId, int limit) override;
    QList<ChatMessage> after(const QString &room, qint64 afterId, int limit) override;
    qint64 firstId(const QString &room) override;
    qint64 lastId(const QString &room) override;
    QList<RoomStats> rooms() override;
    std::optional<RoomStats> roomStats(const QString &room) override;
    int enforceRetention(const RetentionPolicy &policy, int batchLimit) override;
    QString errorString() const override { return m_errorString; }

private:
    /// The prepared statements, in the order of their resource names in the .cpp.
    enum class Statement {
        BeginWrite,
        Commit,
        Rollback,
        SelectMessageByClientId,
        BumpRoom,
        InsertMessage,
        SelectLatestMessages,
        SelectMessagesBefore,
        SelectMessagesAfter,
        SelectFirstId,
        SelectLastId,
        SelectRooms,
        SelectRoom,
        SelectRoomsOverCount,
        DeleteOldestMessages,
        DeleteMessagesOlderThan,
        Count
    };

    QSqlQuery &statement(Statement which);
    bool execute(QSqlQuery &query, const QString &what);
    bool beginWrite();
    bool commit();
    void rollback();

    bool prepareStatements();

    QList<ChatMessage> readMessages(QSqlQuery &query, const QString &room, bool newestFirst);
    qint64 readId(QSqlQuery &query, const QString &what);
    int deleteOverCount(qint64 maxMessagesPerRoom, int budget);
    int deleteOlderThan(int maxAgeDays, int budget);
    bool checkOpen();
    void setError(const QString &context, const QSqlError &error);
    qint64 now() const;

    QString m_databasePath;
    QString m_connectionName;
    SqlResource m_sql;
    QSqlDatabase m_db;
    std::vector<QSqlQuery> m_statements; ///< Indexed by Statement; filled by open().
    std::function<QDateTime()> m_clock;
    QString m_errorString;
};

} // namespace Kaiwa::Server
