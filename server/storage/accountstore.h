// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace Kaiwa::Server {

/**
 * Optional accounts and their sign-in sessions, kept in the message store's database (schema
 * version 2: tables `accounts` and `sessions`) but behind their own interface, so MessageStore
 * stays about messages.
 *
 * The store never sees a password or a session token: it keeps a password hash (PasswordHasher)
 * and the SHA-256 of each token (SessionToken). Calls are synchronous and short; failures return
 * Result::Failed / false / nullopt with a reason in errorString().
 */
class AccountStore
{
public:
    enum class Result {
        Ok,
        NotFound, ///< No account of that name.
        Exists,   ///< addAccount(): the name is taken.
        Failed,   ///< A database error; see errorString().
    };

    struct Account {
        QString name;
        QString passwordHash;
    };

    virtual ~AccountStore() = default;

    virtual Result addAccount(const QString &name, const QString &passwordHash) = 0;
    /// Replaces the hash and ends every session of the account.
    virtual Result setPassword(const QString &name, const QString &passwordHash) = 0;
    /// Removes the account and its sessions. Its messages keep its name.
    virtual Result removeAccount(const QString &name) = 0;
    /// The account, or nullopt when there is none (or on error: errorString() is then set).
    virtual std::optional<Account> account(const QString &name) = 0;
    virtual QStringList accountNames() = 0;

    virtual bool addSession(const QByteArray &tokenHash, const QString &account, const QDateTime &expires) = 0;
    /// The account a session token hash belongs to, if the session exists and has not expired.
    virtual std::optional<QString> sessionAccount(const QByteArray &tokenHash, const QDateTime &now) = 0;
    /**
     * Of `tokenHashes`, those whose session still exists and has not expired: the daemon's check of
     * its open signed-in connections, one query for the lot. Nothing on a database error.
     */
    virtual std::optional<QSet<QByteArray>> liveSessions(const QList<QByteArray> &tokenHashes,
                                                         const QDateTime &now) = 0;
    virtual bool removeSession(const QByteArray &tokenHash) = 0;
    /// Deletes expired sessions; the number deleted, -1 on error.
    virtual int removeExpiredSessions(const QDateTime &now) = 0;

    virtual QString errorString() const = 0;
};

} // namespace Kaiwa::Server
