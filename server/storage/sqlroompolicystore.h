// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/roompolicystore.h"
#include "server/storage/sqlstatements.h"

#include <functional>

class QSqlQuery;

namespace Kaiwa::Server {

/**
 * RoomPolicyStore on the QSqlDatabase connection of a SqliteMessageStore or PostgresMessageStore (looked up by
 * connection name at each call, so it follows the message store's reconnects), with the SQL in
 * `sql/<backend>/room_*.sql` and the tables of SQLite schema 7 / PostgreSQL schema 6 (room_settings, room_roles,
 * room_restrictions, room_audit, room_policy_changes).
 *
 * Every write is one transaction that bumps room_policy_changes first: on PostgreSQL that row's lock serialises the
 * writes of every daemon (SQLite's BEGIN IMMEDIATE does so anyway), so the last-owner checks of grant() and revoke()
 * and claim()'s one winner hold across daemons.
 *
 * The message store must be open, and must outlive this object.
 */
class SqlRoomPolicyStore final : public RoomPolicyStore
{
public:
    /// @param backend "sqlite" or "postgresql"; @param connectionName the message store's connection.
    SqlRoomPolicyStore(const QString &backend, const QString &connectionName);

    std::optional<Settings> settings(const QString &room) override;
    std::optional<QList<Settings>> allSettings() override;
    Result setTopic(const QString &room, const QString &topic) override;
    Result setPrivate(const QString &room, bool isPrivate) override;
    std::optional<bool> claim(const QString &room, const QString &account) override;
    Result makeDirect(const QString &room, const QString &firstAccount, const QString &secondAccount) override;

    std::optional<Role> role(const QString &room, const QString &account) override;
    std::optional<QList<RoleEntry>> roles(const QString &room) override;
    Result grant(const QString &room, const QString &account, Role role) override;
    Result revoke(const QString &room, const QString &account) override;
    std::optional<QList<Membership>> rolesOf(const QString &account) override;

    bool restrict(const QString &room, const Restriction &restriction) override;
    Result lift(const QString &room, Restriction::Kind kind, Restriction::Subject subjectKind,
                const QString &subject) override;
    std::optional<QList<Restriction>> restrictions(const QString &room, const QDateTime &now) override;

    std::optional<qint64> audit(const AuditEntry &entry) override;
    std::optional<QList<AuditEntry>> auditLog(const QString &room, qint64 beforeId, int limit) override;

    std::optional<qint64> changeSeq() override;

    QString errorString() const override { return m_statements.errorString(); }

private:
    /**
     * Runs `body` in a write transaction, after bumping the change counter: commits when it returns Ok, rolls back
     * otherwise (a NotFound or LastOwner writes nothing, not even the bump).
     */
    Result write(const QString &what, const std::function<Result()> &body);
    /// Inside a write: makes the room's settings unless it has them; whether this call made them, nothing on failure.
    std::optional<bool> makeSettings(const QString &room, bool isPrivate, const QStringList &direct,
                                     const QString &createdBy);
    /// Inside a write: whether the account exists; nothing on failure.
    std::optional<bool> accountExists(const QString &account);
    /// Inside a write: Ok, or LastOwner when taking the owner role from `account` would leave the room without one.
    Result checkLastOwner(const QString &room, const QString &account);
    /// The first column of the first row of a statement run: `ok` false when it failed (error set); else the value,
    /// null without a row.
    struct Value {
        bool ok = false;
        QVariant value;
    };
    Value readValue(QSqlQuery &query, const QString &what);
    /// Every row of a query run, made by `read`; nothing (error set) when reading fails.
    template<typename T>
    std::optional<QList<T>> readAll(QSqlQuery &query, const QString &what,
                                    const std::function<T(const QSqlQuery &)> &read);

    SqlStatements m_statements;
};

} // namespace Kaiwa::Server
