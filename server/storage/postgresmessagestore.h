// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/messagestore.h"
#include "server/storage/sqlresource.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUrl>

#include <array>
#include <functional>
#include <vector>

class QSqlError;

namespace Kaiwa::Server {

/**
 * MessageStore on PostgreSQL through Qt Sql's QPSQL driver (Debian: libqt6sql6-psql): the
 * shared history of several daemons (`--database postgresql://USER[:PASSWORD]@HOST[:PORT]/DB`).
 *
 * The database is the id authority of every daemon that uses it: append() takes the room's row
 * lock (INSERT ... ON CONFLICT DO UPDATE ... RETURNING last_id) and holds it until COMMIT, so a
 * room's ids are dense, and commit order is id order. The client_id check runs under that lock,
 * so two daemons given the same client_id at once store it once (same semantics as
 * SqliteMessageStore). SQL lives in `sql/postgresql/`, under the same names as `sql/sqlite/`.
 *
 * Calls are synchronous, like QSQLITE's: one append is one round trip per statement (four on
 * loopback, about 0.3 ms). A lost connection is reopened at the next call.
 */
class PostgresMessageStore final : public MessageStore
{
public:
    static constexpr int MaxPageSize = 1000;

    /**
     * @param url postgresql://USER[:PASSWORD]@HOST[:PORT]/DB; query items become libpq connect options
     *        (e.g. ?sslmode=require&connect_timeout=5).
     * @param connectionName QSqlDatabase connection name, unique in the process.
     */
    PostgresMessageStore(const QUrl &url, const QString &connectionName);
    ~PostgresMessageStore() override;
    Q_DISABLE_COPY_MOVE(PostgresMessageStore)

    static bool isAvailable();
    static int schemaVersion();

    /// Replaces the clock that stamps messages and ages them for retention (UTC); for tests.
    void setClock(std::function<QDateTime()> clock);
    void close();
    bool isOpen() const;
    QString connectionName() const { return m_connectionName; }

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

    QSqlQuery &statement(Statement which) { return m_statements[std::size_t(which)]; }
    bool execute(QSqlQuery &query, const QString &what);
    static bool isTransactionControl(Statement which);
    bool run(Statement which, const QString &what);
    void rollback();
    bool connectAndPrepare();
    bool checkOpen();
    void setError(const QString &context, const QSqlError &error);
    QList<ChatMessage> readMessages(QSqlQuery &query, const QString &room, bool newestFirst);
    qint64 readId(QSqlQuery &query, const QString &what);
    int deleteOverCount(qint64 maxMessagesPerRoom, int budget);
    int deleteOlderThan(int maxAgeDays, int budget);
    qint64 now() const { return m_clock().toMSecsSinceEpoch(); }

    QUrl m_url;
    QString m_displayName;
    QString m_connectionName;
    SqlResource m_sql;
    QSqlDatabase m_db;
    std::vector<QSqlQuery> m_statements;
    std::array<QString, 3> m_transactionSql; ///< BEGIN, COMMIT, ROLLBACK: run as text, not prepared.
    std::function<QDateTime()> m_clock;
    QString m_errorString;
    bool m_wanted = false;     ///< open() succeeded once: reconnect when the link is lost.
    bool m_suspect = false;    ///< A statement failed: check the link at the next call.
};

} // namespace Kaiwa::Server
