// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/sqlresource.h"

#include <QSqlDatabase>
#include <QString>

class QSqlError;

namespace Kaiwa::Server {

/**
 * Creates or upgrades the PostgreSQL schema of PostgresMessageStore from `sql/postgresql/version/<N>/`,
 * in one transaction. Daemons that start together serialise on an advisory lock, so exactly one
 * of them upgrades and the others find the schema ready. The version lives in `kaiwa_schema`.
 */
class PostgresSchema
{
public:
    /// @param db an open QPSQL connection. @param name how error messages call the database.
    PostgresSchema(const QSqlDatabase &db, const QString &name);

    static int latestVersion();
    /// False for a schema newer than latestVersion() or a failed step (everything rolled back).
    bool upgrade();
    QString errorString() const { return m_errorString; }

private:
    bool fail(const QString &context, const QSqlError &error);

    QSqlDatabase m_db;
    QString m_name;
    SqlResource m_sql;
    QString m_errorString;
};

} // namespace Kaiwa::Server
