// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Kaiwa::Server {

/**
 * Who may do what in a room (docs/protocol.md, "Rooms with owners"): its settings (topic, private, the two accounts
 * of a direct-message room), the roles of accounts in it, its bans and mutes, and the audit log of what its owners,
 * moderators and the operator did. Kept in the message store's database (SQLite schema 7, PostgreSQL schema 6) so
 * every daemon on it shares them, behind their own interface like AccountStore and ReadMarkerStore.
 *
 * Every write bumps one change counter in its transaction (changeSeq()): a daemon that polls it learns within its
 * poll interval that something changed, also when the operator's CLI changed it. Calls are synchronous and short;
 * failures return nothing (or false / Result::Failed) with a reason in errorString().
 */
class RoomPolicyStore
{
public:
    /// Ordered: a higher role may do all a lower one may. None: no row (everyone in a public room).
    enum class Role {
        None,
        Member,    ///< Listed: what lets an account into a private room.
        Moderator, ///< Deletes any message, kicks, bans, mutes.
        Owner,     ///< Also sets the topic and visibility, grants and revokes roles, reads the audit log.
    };

    enum class Result {
        Ok,
        NotFound,  ///< No such room (no settings row), account or restriction.
        LastOwner, ///< revoke() or grant() would leave a room that had owners with none.
        Failed,    ///< A database error; see errorString().
    };

    struct Settings {
        QString room;
        QString topic;
        bool isPrivate = false;
        /// A direct-message room: its two accounts, sorted; empty for any other room.
        QStringList direct;
        QString createdBy; ///< The account whose first join made the room's owner; empty when the operator did.
        QDateTime created;
        friend bool operator==(const Settings &, const Settings &) = default;
    };

    struct RoleEntry {
        QString account;
        Role role = Role::None;
        friend bool operator==(const RoleEntry &, const RoleEntry &) = default;
    };

    struct Membership {
        QString room;
        Role role = Role::None;
        friend bool operator==(const Membership &, const Membership &) = default;
    };

    /// A ban or a mute of an account, or of an address (anonymous members: an IPv4 address, an IPv6 /64).
    struct Restriction {
        enum class Kind {
            Ban,
            Mute
        };
        enum class Subject {
            Account,
            Address
        };
        Kind kind = Kind::Ban;
        Subject subjectKind = Subject::Account;
        QString subject; ///< The account name, or the address in canonical form (Subnets' prefix text).
        QDateTime until; ///< Invalid: until lifted.
        QString reason;
        QString by; ///< The moderator's account, or "(operator)".
        QDateTime time;
        friend bool operator==(const Restriction &, const Restriction &) = default;
    };

    /// One thing an owner, a moderator or the operator did; what the audit API shows.
    struct AuditEntry {
        qint64 id = 0; ///< Increasing over the whole database.
        QDateTime time;
        QString room;
        QString actor;  ///< An account, or "(operator)".
        QString action; ///< kick, ban, unban, mute, unmute, delete, grant, revoke, topic, visibility.
        QString target; ///< An account, a member id, an address or a message id; empty when none.
        QString reason;
        QString detail; ///< What changed, for people (the new topic, the role, "private"...).
        QDateTime until;
        friend bool operator==(const AuditEntry &, const AuditEntry &) = default;
    };

    virtual ~RoomPolicyStore() = default;

    /// The room's settings; a Settings with an empty `room` when it has none (never configured: a public room).
    virtual std::optional<Settings> settings(const QString &room) = 0;
    /// Every room that has settings (the CLI's `room list`, private rooms for the directory).
    virtual std::optional<QList<Settings>> allSettings() = 0;
    /// Set the topic or the visibility, making the room's settings when it has none.
    virtual Result setTopic(const QString &room, const QString &topic) = 0;
    virtual Result setPrivate(const QString &room, bool isPrivate) = 0;
    /**
     * Makes the room's settings with `account` as its owner when the room has none: what a signed-in account's first
     * join of a new room does. True when this call made them (a concurrent daemon may have won), false when the room
     * had settings; nothing on failure.
     */
    virtual std::optional<bool> claim(const QString &room, const QString &account) = 0;
    /// Makes the direct-message room of two accounts (private, both Member) unless it exists. `room` is its name.
    virtual Result makeDirect(const QString &room, const QString &firstAccount, const QString &secondAccount) = 0;

    virtual std::optional<Role> role(const QString &room, const QString &account) = 0;
    /// The room's listed accounts (every role but None), owners first, then by name.
    virtual std::optional<QList<RoleEntry>> roles(const QString &room) = 0;
    /// Gives the account the role (making the room's settings if it has none); LastOwner when that demotes the last.
    virtual Result grant(const QString &room, const QString &account, Role role) = 0;
    /// Takes the account's role away (NotFound when it had none; LastOwner for the last owner).
    virtual Result revoke(const QString &room, const QString &account) = 0;
    /// The rooms the account has a role in (among them the private rooms and direct messages it may see).
    virtual std::optional<QList<Membership>> rolesOf(const QString &account) = 0;

    /// Adds or replaces the ban or mute of the subject in the room.
    virtual bool restrict(const QString &room, const Restriction &restriction) = 0;
    /// Lifts it; NotFound when there was none in force.
    virtual Result lift(const QString &room, Restriction::Kind kind, Restriction::Subject subjectKind,
                        const QString &subject) = 0;
    /// The room's bans and mutes in force at `now` (expired ones are not returned; they may stay stored).
    virtual std::optional<QList<Restriction>> restrictions(const QString &room, const QDateTime &now) = 0;

    /// Appends to the audit log; the entry's id, or nothing on failure.
    virtual std::optional<qint64> audit(const AuditEntry &entry) = 0;
    /// The room's audit log before `beforeId` (0: the newest), newest first, at most `limit`.
    virtual std::optional<QList<AuditEntry>> auditLog(const QString &room, qint64 beforeId, int limit) = 0;

    /// The change counter every write bumps; polled by daemons.
    virtual std::optional<qint64> changeSeq() = 0;

    virtual QString errorString() const = 0;
};

} // namespace Kaiwa::Server
