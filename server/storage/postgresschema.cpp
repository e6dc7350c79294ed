// SPDX-License-Identifier: MIT
#include "postgresschema.h"

#include "sqlsearchindex.h"
#include "storagelogging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

PostgresSchema::PostgresSchema(const QSqlDatabase &db, const QString &name)
    : m_db(db)
    , m_name(name)
    , m_sql(u"postgresql"_s)
{
}

int PostgresSchema::latestVersion()
{
    return SqlResource(u"postgresql"_s).latestSchemaVersion();
}

bool PostgresSchema::fail(const QString &context, const QSqlError &error)
{
    const QString reason = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    m_errorString = reason.isEmpty() ? context : u"%1: %2"_s.arg(context, reason);
    qCWarning(lcStorage).noquote() << m_errorString;
    QSqlQuery(m_sql.query(u"rollback"_s), m_db).finish();
    return false;
}

bool PostgresSchema::upgrade()
{
    QSqlQuery query(m_db);
    const auto run = [&](const QString &name) { return query.exec(m_sql.query(name)); };
    if (!run(u"begin_write"_s))
        return fail(u"Cannot write to message database %1"_s.arg(m_name), query.lastError());
    if (!run(u"lock_schema"_s) || !run(u"create_schema_version"_s))
        return fail(u"Cannot prepare the schema of message database %1"_s.arg(m_name), query.lastError());
    if (!run(u"select_schema_version"_s) || !query.next())
        return fail(u"Cannot read the schema version of message database %1"_s.arg(m_name), query.lastError());
    const int current = query.value(0).toInt();
    query.finish();
    const int latest = latestVersion();
    if (current > latest) {
        return fail(u"Message database %1 has schema version %2, newer than this Kaiwa supports (%3); "
                    "use a newer Kaiwa or another database"_s.arg(m_name)
                        .arg(current)
                        .arg(latest),
                    QSqlError());
    }
    for (int version = current + 1; version <= latest; ++version) {
        qCInfo(lcStorage).noquote() << "upgrading message database" << m_name << "to schema version" << version;
        const QStringList steps = m_sql.upgradeSteps(version);
        for (qsizetype i = 0; i < steps.size(); ++i) {
            if (!query.exec(steps.at(i)))
                return fail(
                    u"Cannot upgrade message database %1 to schema version %2 (step %3)"_s.arg(m_name).arg(version).arg(
                        i + 1),
                    query.lastError());
        }
        // The version that creates the search index fills it with the history stored before: the tokens come from
        // SearchText, in C++, so this step is no SQL file.
        QString indexError;
        if (version == SqlSearchIndex::indexVersion(m_sql.backend())
            && !SqlSearchIndex::indexExisting(m_db, m_sql.backend(), &indexError))
            return fail(
                u"Cannot upgrade message database %1 to schema version %2 (search index)"_s.arg(m_name).arg(version),
                QSqlError(indexError));
    }
    if (current != latest) {
        if (!query.prepare(m_sql.query(u"update_schema_version"_s)))
            return fail(u"Cannot record the schema version of %1"_s.arg(m_name), query.lastError());
        query.bindValue(u":version"_s, latest);
        if (!query.exec())
            return fail(u"Cannot record the schema version of %1"_s.arg(m_name), query.lastError());
    }
    if (!run(u"commit"_s))
        return fail(u"Cannot write to message database %1"_s.arg(m_name), query.lastError());
    return true;
}

} // namespace Kaiwa::Server
