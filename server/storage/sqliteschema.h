// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/sqlresource.h"

#include <QSqlDatabase>
#include <QString>

class QSqlError;

namespace Kaiwa::Server {

/**
 * Gets a freshly opened SQLite connection ready for SqliteMessageStore: connection settings
 * (busy timeout, WAL, synchronous=NORMAL, foreign keys), a check that the file really is a
 * writable database, and the schema upgrades in `sql/sqlite/version/<N>/` (see SqlResource).
 *
 * The schema version lives in `PRAGMA user_version`.
 */
class SqliteSchema
{
public:
    /**
     * @param db an open QSQLITE connection; the schema keeps a handle only as long as it lives.
     * @param name how error messages call the database, e.g. its path.
     * @param busyTimeoutMs how long a statement waits for another connection's lock.
     */
    SqliteSchema(const QSqlDatabase &db, const QString &name, int busyTimeoutMs);

    /// The schema version this build creates and understands.
    static int latestVersion();

    /// Applies the connection settings; fails for a file that is not a database.
    bool configure();
    /// Creates or upgrades the schema in one write transaction; fails for a read-only database
    /// and for a schema newer than latestVersion().
    bool upgrade();

    /// Whether configure() left the connection in WAL mode (a file); false for an in-memory database.
    bool isWal() const { return m_wal; }

    QString errorString() const { return m_errorString; }

private:
    void setError(const QString &context, const QSqlError &error);
    void setError(const QString &message);

    QSqlDatabase m_db;
    QString m_name;
    int m_busyTimeoutMs;
    SqlResource m_sql;
    QString m_errorString;
    bool m_wal = false;
};

} // namespace Kaiwa::Server
