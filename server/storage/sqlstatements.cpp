// SPDX-License-Identifier: MIT
#include "sqlstatements.h"

#include "storagelogging.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

SqlStatements::SqlStatements(const QString &backend, const QString &connectionName, const QString &subject)
    : m_connectionName(connectionName)
    , m_sql(backend)
    , m_subject(subject)
{
}

QSqlDatabase SqlStatements::openDatabase()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen()) {
        m_errorString = u"the %1 database is not open"_s.arg(m_subject);
        qCWarning(lcStorage).noquote() << m_errorString;
    }
    return db;
}

bool SqlStatements::prepare(QSqlQuery &query, const QString &name)
{
    const QSqlDatabase db = openDatabase();
    if (!db.isOpen())
        return false;
    query = QSqlQuery(db);
    query.setForwardOnly(true);
    if (!query.prepare(m_sql.query(name))) {
        setError(u"Cannot prepare statement %1"_s.arg(name), query.lastError());
        return false;
    }
    return true;
}

bool SqlStatements::execute(QSqlQuery &query, const QString &what)
{
    if (query.exec())
        return true;
    setError(what, query.lastError());
    return false;
}

bool SqlStatements::execute(QSqlQuery &query, const QString &name, Bindings bindings, const QString &what)
{
    if (!prepare(query, name))
        return false;
    for (const auto &[placeholder, value] : bindings)
        query.bindValue(placeholder, value);
    return execute(query, what);
}

bool SqlStatements::run(const QString &name, const QString &what)
{
    const QSqlDatabase db = openDatabase();
    if (!db.isOpen())
        return false;
    QSqlQuery query(db);
    if (query.exec(m_sql.query(name)))
        return true;
    setError(what, query.lastError());
    return false;
}

void SqlStatements::setError(const QString &context, const QSqlError &error)
{
    const QString reason = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    m_errorString = u"%1: %2"_s.arg(context, reason);
    qCWarning(lcStorage).noquote() << m_errorString;
}

} // namespace Kaiwa::Server
