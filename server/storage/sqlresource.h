// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace Kaiwa::Server {

/**
 * The SQL of one storage backend, compiled in as Qt resources under `:/kaiwa/sql/<backend>/`
 * (like quassel's `src/core/SQL/<Backend>/` and `AbstractSqlStorage::queryString()`).
 *
 * - `<name>.sql` holds one statement, loaded by name with query(). Its comments hold no quote and no `:word`:
 *   Qt looks for named placeholders in them too (a quote hides the placeholders after it).
 * - `version/<N>/<step>.sql` upgrade the schema from version N-1 to N, one statement per file,
 *   applied in file name order (`001_create_rooms.sql`, `002_...`).
 *
 * Backends sit side by side: `sql/sqlite/`, later `sql/postgresql/`.
 */
class SqlResource
{
public:
    /// @param backend folder name below `:/kaiwa/sql/`, e.g. "sqlite".
    explicit SqlResource(const QString &backend);

    QString backend() const { return m_backend; }

    /// The statement in `<name>.sql`; an empty string (and a warning) when there is none.
    QString query(const QString &name) const;

    /// The highest schema version `version/<N>/` describes; 0 when there is none.
    int latestSchemaVersion() const;

    /// The statements that upgrade the schema from `version - 1` to `version`, in order.
    QStringList upgradeSteps(int version) const;

private:
    QString m_backend;
    QString m_root;
};

} // namespace Kaiwa::Server
