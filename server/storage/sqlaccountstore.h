// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/accountstore.h"
#include "server/storage/sqlstatements.h"

class QSqlError;
class QSqlQuery;

namespace Kaiwa::Server {

/**
 * AccountStore on the QSqlDatabase connection of a SqliteMessageStore or PostgresMessageStore
 * (looked up by connection name at each call, so it follows the message store's reconnects).
 * The SQL is in `sql/<backend>/account_*.sql` and `session_*.sql`; the tables come with the
 * message store's schema version 2. Accounts are rare and sign-ins are not hot paths: statements
 * are prepared per call.
 *
 * The message store must be open, and must outlive this object.
 */
class SqlAccountStore final : public AccountStore
{
public:
    /// @param backend "sqlite" or "postgresql"; @param connectionName the message store's connection.
    SqlAccountStore(const QString &backend, const QString &connectionName);

    Result addAccount(const QString &name, const QString &passwordHash) override;
    Result setPassword(const QString &name, const QString &passwordHash) override;
    Result removeAccount(const QString &name) override;
    std::optional<Account> account(const QString &name) override;
    QStringList accountNames() override;
    bool addSession(const QByteArray &tokenHash, const QString &account, const QDateTime &expires) override;
    std::optional<QString> sessionAccount(const QByteArray &tokenHash, const QDateTime &now) override;
    std::optional<QSet<QByteArray>> liveSessions(const QList<QByteArray> &tokenHashes, const QDateTime &now) override;
    bool removeSession(const QByteArray &tokenHash) override;
    int removeExpiredSessions(const QDateTime &now) override;
    QString errorString() const override { return m_statements.errorString(); }

private:
    SqlStatements m_statements;
};

} // namespace Kaiwa::Server
