// SPDX-License-Identifier: MIT
#include "sqlaccountstore.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

SqlAccountStore::SqlAccountStore(const QString &backend, const QString &connectionName)
    : m_statements(backend, connectionName, u"account"_s)
{
}

AccountStore::Result SqlAccountStore::addAccount(const QString &name, const QString &passwordHash)
{
    const auto existing = account(name);
    if (existing)
        return Result::Exists;
    if (!m_statements.errorString().isEmpty())
        return Result::Failed;
    QSqlQuery query;
    if (!m_statements.prepare(query, u"account_insert"_s))
        return Result::Failed;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    query.bindValue(u":name"_s, name);
    query.bindValue(u":hash"_s, passwordHash);
    query.bindValue(u":now"_s, now);
    query.bindValue(u":now2"_s, now);
    return m_statements.execute(query, u"Cannot add account"_s) ? Result::Ok : Result::Failed;
}

AccountStore::Result SqlAccountStore::setPassword(const QString &name, const QString &passwordHash)
{
    QSqlQuery query;
    if (!m_statements.prepare(query, u"account_update_password"_s))
        return Result::Failed;
    query.bindValue(u":hash"_s, passwordHash);
    query.bindValue(u":now"_s, QDateTime::currentMSecsSinceEpoch());
    query.bindValue(u":name"_s, name);
    if (!m_statements.execute(query, u"Cannot change the password"_s))
        return Result::Failed;
    if (query.numRowsAffected() < 1)
        return Result::NotFound;
    QSqlQuery sessions;
    if (!m_statements.prepare(sessions, u"session_delete_account"_s))
        return Result::Failed;
    sessions.bindValue(u":account"_s, name);
    return m_statements.execute(sessions, u"Cannot end the account's sessions"_s) ? Result::Ok : Result::Failed;
}

AccountStore::Result SqlAccountStore::removeAccount(const QString &name)
{
    // Sessions first: the foreign key cascades too, but only where the backend enforces it.
    QSqlQuery sessions;
    if (!m_statements.prepare(sessions, u"session_delete_account"_s))
        return Result::Failed;
    sessions.bindValue(u":account"_s, name);
    if (!m_statements.execute(sessions, u"Cannot end the account's sessions"_s))
        return Result::Failed;
    QSqlQuery query;
    if (!m_statements.prepare(query, u"account_delete"_s))
        return Result::Failed;
    query.bindValue(u":name"_s, name);
    if (!m_statements.execute(query, u"Cannot remove account"_s))
        return Result::Failed;
    return query.numRowsAffected() < 1 ? Result::NotFound : Result::Ok;
}

std::optional<AccountStore::Account> SqlAccountStore::account(const QString &name)
{
    m_statements.clearError();
    QSqlQuery query;
    if (!m_statements.prepare(query, u"account_select"_s))
        return std::nullopt;
    query.bindValue(u":name"_s, name);
    if (!m_statements.execute(query, u"Cannot read account"_s) || !query.next())
        return std::nullopt;
    return Account{query.value(0).toString(), query.value(1).toString()};
}

QStringList SqlAccountStore::accountNames()
{
    QSqlQuery query;
    QStringList names;
    if (!m_statements.prepare(query, u"account_select_all"_s)
        || !m_statements.execute(query, u"Cannot list accounts"_s))
        return names;
    while (query.next())
        names.append(query.value(0).toString());
    return names;
}

bool SqlAccountStore::addSession(const QByteArray &tokenHash, const QString &account, const QDateTime &expires)
{
    QSqlQuery query;
    if (!m_statements.prepare(query, u"session_insert"_s))
        return false;
    query.bindValue(u":token_hash"_s, QString::fromLatin1(tokenHash));
    query.bindValue(u":account"_s, account);
    query.bindValue(u":now"_s, QDateTime::currentMSecsSinceEpoch());
    query.bindValue(u":expires"_s, expires.toMSecsSinceEpoch());
    return m_statements.execute(query, u"Cannot store the session"_s);
}

std::optional<QString> SqlAccountStore::sessionAccount(const QByteArray &tokenHash, const QDateTime &now)
{
    QSqlQuery query;
    if (!m_statements.prepare(query, u"session_select"_s))
        return std::nullopt;
    query.bindValue(u":token_hash"_s, QString::fromLatin1(tokenHash));
    query.bindValue(u":now"_s, now.toMSecsSinceEpoch());
    if (!m_statements.execute(query, u"Cannot read the session"_s) || !query.next())
        return std::nullopt;
    return query.value(0).toString();
}

std::optional<QSet<QByteArray>> SqlAccountStore::liveSessions(const QList<QByteArray> &tokenHashes,
                                                              const QDateTime &now)
{
    QSqlQuery query;
    if (!m_statements.prepare(query, u"session_select_live"_s))
        return std::nullopt;
    // Hex digests need no escaping: the JSON array is built by hand rather than through QJsonDocument.
    QByteArray array = "[";
    for (const QByteArray &hash : tokenHashes)
        array += (array.size() > 1 ? ",\"" : "\"") + hash + '"';
    array += ']';
    query.bindValue(u":token_hashes"_s, QString::fromLatin1(array));
    query.bindValue(u":now"_s, now.toMSecsSinceEpoch());
    if (!m_statements.execute(query, u"Cannot check sessions"_s))
        return std::nullopt;
    QSet<QByteArray> live;
    while (query.next())
        live.insert(query.value(0).toString().toLatin1());
    return live;
}

bool SqlAccountStore::removeSession(const QByteArray &tokenHash)
{
    QSqlQuery query;
    if (!m_statements.prepare(query, u"session_delete"_s))
        return false;
    query.bindValue(u":token_hash"_s, QString::fromLatin1(tokenHash));
    return m_statements.execute(query, u"Cannot end the session"_s);
}

int SqlAccountStore::removeExpiredSessions(const QDateTime &now)
{
    QSqlQuery query;
    if (!m_statements.prepare(query, u"session_delete_expired"_s))
        return -1;
    query.bindValue(u":now"_s, now.toMSecsSinceEpoch());
    if (!m_statements.execute(query, u"Cannot delete expired sessions"_s))
        return -1;
    return query.numRowsAffected();
}

} // namespace Kaiwa::Server
