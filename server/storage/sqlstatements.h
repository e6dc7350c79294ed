// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/sqlresource.h"

#include <QString>
#include <QVariant>

#include <initializer_list>
#include <utility>

class QSqlDatabase;
class QSqlError;
class QSqlQuery;

namespace Kaiwa::Server {

/**
 * Statements of `sql/<backend>/` run on a message store's QSqlDatabase connection, looked up by name at
 * each call (so they follow the store's reconnects), and the reason of the last failure: what the stores
 * that share the message store's connection (accounts, read markers) have in common.
 */
class SqlStatements
{
public:
    /// @param backend "sqlite" or "postgresql"; @param connectionName the message store's connection;
    /// @param subject what the statements keep, for errors ("account", "read marker").
    SqlStatements(const QString &backend, const QString &connectionName, const QString &subject);

    /// Prepares statement `name` (forward only); false, with errorString(), when the connection or it fails.
    bool prepare(QSqlQuery &query, const QString &name);
    /// Runs a prepared statement; false, with errorString() saying `what` failed, when it fails.
    bool execute(QSqlQuery &query, const QString &what);
    /// Placeholder names and their values.
    using Bindings = std::initializer_list<std::pair<QString, QVariant>>;
    /// prepare() statement `name`, bind `bindings` and execute().
    bool execute(QSqlQuery &query, const QString &name, Bindings bindings, const QString &what);
    /**
     * Runs statement `name` without preparing it: transaction control (begin_write, commit, rollback), which
     * PostgreSQL does not prepare. False, with errorString() saying `what` failed, when it fails.
     */
    bool run(const QString &name, const QString &what);
    /// Records (and logs) that `context` failed with `error`.
    void setError(const QString &context, const QSqlError &error);
    void clearError() { m_errorString.clear(); }
    const QString &errorString() const { return m_errorString; }

private:
    /// The message store's connection; not open (error set) when the store is closed.
    QSqlDatabase openDatabase();

    QString m_connectionName;
    SqlResource m_sql;
    QString m_subject;
    QString m_errorString;
};

} // namespace Kaiwa::Server
