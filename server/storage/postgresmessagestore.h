// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/sqlmessagestore.h"

#include <QUrl>

#include <array>

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
 * loopback, about 0.3 ms); a group commit of plain messages (appendAll()) is one round trip for the whole batch. A lost
 * connection is reopened at the next call; if the URL then leads to another database (identity() differs), the store
 * refuses to work rather than mix two databases' ids.
 */
class PostgresMessageStore final : public SqlMessageStore
{
public:
    /**
     * @param url postgresql://USER[:PASSWORD]@HOST[:PORT]/DB; query items become libpq connect options
     *        (e.g. ?sslmode=require&connect_timeout=5).
     * @param connectionName QSqlDatabase connection name, unique in the process.
     */
    PostgresMessageStore(const QUrl &url, const QString &connectionName);
    ~PostgresMessageStore() override;
    Q_DISABLE_COPY_MOVE(PostgresMessageStore)

    /// Whether the QPSQL driver plugin can be loaded.
    static bool isAvailable();
    /// As a MessageStoreRegistry backend: `postgresql://` and `postgres://` URLs.
    static QStringList urlSchemes();
    static QString specUsage();
    static std::unique_ptr<MessageStore> create(const QString &spec, const QString &connectionName, QString *error);
    static int schemaVersion();

    void close();

    QString backendId() const override;
    bool open() override;
    QString displayName() const override { return m_displayName; }
    bool writesOffTheLoop() const override { return true; }
    int enforceRetention(const RetentionPolicy &policy, int batchLimit) override;
    /// A batch of messages without reply_to is one statement, one round trip (kaiwa_append_messages); a batch with
    /// a reply goes a statement at a time, in one transaction.
    std::optional<QList<AppendResult>> appendAll(const QList<PendingAppend> &batch) override;
    /// A session-level advisory lock of the database (exclusive or shared), on this store's connection.
    ClaimResult claim(Claim claim) override;

protected:
    bool beginWrite() override;
    bool commitWrite() override;
    void rollbackWrite() override;
    std::optional<qint64> reserveId(const Row &row) override;
    bool releaseId(const Row &row, qint64 reservedId) override;
    std::optional<qint64> insertRow(const Row &row, qint64 reservedId) override;

private:
    bool prepareStatement(Statement which, QSqlQuery &query, const QString &sql) override;
    bool checkOpen() override;
    bool checkRead(int limit) override { return limit > 0 && checkOpen(); }
    void setError(const QString &context, const QSqlError &error) override;
    static bool isTransactionControl(Statement which);
    bool run(Statement which, const QString &what);
    bool connectAndPrepare();
    bool readIdentity();
    ClaimResult takeClaim();

    QUrl m_url;
    QString m_displayName;
    std::array<QString, 3> m_transactionSql; ///< BEGIN, COMMIT, ROLLBACK: run as text, not prepared.
    bool m_wanted = false;                   ///< open() succeeded once: reconnect when the link is lost.
    bool m_suspect = false;                  ///< A statement failed: check the link at the next call.
    std::optional<Claim> m_claim;            ///< Taken again at every reconnection.
    QString m_claimError;                    ///< What was logged when a reconnection could not take it.
};

} // namespace Kaiwa::Server
