// SPDX-License-Identifier: MIT
#pragma once

#include "common/roomrole.h"
#include "storage/roompolicystore.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace Kaiwa::Server {

/**
 * Who may do what in a room, as this daemon knows it (docs/protocol.md, "Rooms with owners"): a cache over the
 * RoomPolicyStore of the rooms it is asked about, so the doors (upgrade, page, APIs) and every request do not read
 * the database each time.
 *
 * Every daemon sharing the database polls the store's change counter (start()); when it moved, the cached rooms
 * that still have connections here are read again and what changed is signalled (settingsChanged(), roleChanged(),
 * restrictionsChanged()): ChatService closes the connections that lost access and tells the room. A change made by
 * a connection reaches every daemon sooner through the room's group; each then calls refresh() for the room, which
 * reads it again without signalling, so the poll does not announce it a second time.
 *
 * Without a store (a database that keeps no room settings) every room is public and nobody has a role. When the
 * store fails, what was cached stays; a room never read counts as unavailable, never as public (a private room's
 * door must not open because the database hiccupped).
 */
class RoomPolicy : public QObject
{
    Q_OBJECT
public:
    using Settings = RoomPolicyStore::Settings;
    using Restriction = RoomPolicyStore::Restriction;

    /// Whether a connection may enter a room (upgrade, page, history), and how the door answers when not.
    struct Entry {
        enum class Verdict {
            Allowed,
            NotFound,    ///< A private room and an outsider: answer as for a room that does not exist.
            Banned,      ///< `ban` says until when and why.
            Unavailable, ///< The store could not say: try again later.
        };
        Verdict verdict = Verdict::Allowed;
        std::optional<Restriction> ban;
    };

    /// Rooms cached before the cache is trimmed to those in use (anyone may ask about any name); in use, more stay.
    static constexpr qsizetype MaxCachedRooms = 4096;

    /// `store` may be null: every room is public, nobody has a role.
    explicit RoomPolicy(std::unique_ptr<RoomPolicyStore> store, QObject *parent = nullptr);
    ~RoomPolicy() override;

    /// The store, for writes and what is not cached (the audit log, every room's settings); null when none.
    RoomPolicyStore *store() const { return m_store.get(); }
    /// Polls the store's change counter at this interval (docs: once a second). `inUse` tells the rooms that have
    /// connections here: only those are read again, the others leave the cache.
    void start(std::chrono::milliseconds interval, std::function<bool(const QString &room)> inUse);

    /// The room's settings; `room` is empty when it has none (a public room nobody configured) or on failure.
    Settings settings(const QString &room);
    /// The account's role in the room; None for anonymous (an empty account).
    RoomRole role(const QString &room, const QString &account);
    /// A room's settings and an account's role in it, as settings() and role() give them.
    struct Membership {
        Settings settings;
        RoomRole role = RoomRole::None;
    };
    /// Both at once, in one lookup: what a join reads.
    Membership membership(const QString &room, const QString &account);
    /// The room's listed accounts, owners first, then by name.
    QList<RoomPolicyStore::RoleEntry> roles(const QString &room);
    /// The room's bans and mutes in force now.
    QList<Restriction> restrictions(const QString &room);

    /// Whether the room may be seen (listed, searched, read) by the account (empty: anonymous).
    bool maySee(const QString &room, const QString &account);
    /// Whether a connection of the account (empty: anonymous, from `address`) may enter the room.
    Entry mayEnter(const QString &room, const QString &account, const QHostAddress &address);
    /// The ban in force on the account, or for an anonymous connection on its address; nothing when none.
    std::optional<Restriction> banOf(const QString &room, const QString &account, const QHostAddress &address);
    /// The mute in force on the account, or for an anonymous connection on its address; nothing when none.
    std::optional<Restriction> muteOf(const QString &room, const QString &account, const QHostAddress &address);

    /**
     * The subject of an address ban or mute (Restriction::Subject::Address): an IPv4 address as is, an IPv6 address
     * as its /64 ("2001:db8:1:2::/64"), since one host usually holds a whole /64.
     */
    static QString addressSubject(const QHostAddress &address);
    static RoomRole roomRole(RoomPolicyStore::Role role);
    static RoomPolicyStore::Role storeRole(RoomRole role);

    /// Reads the room again now without signalling: this daemon made the change, or the room's group told of it.
    void refresh(const QString &room);
    /// Reads the change counter; when it moved, reads the cached rooms in use again and signals what changed.
    void poll();

Q_SIGNALS:
    /// The room's topic or visibility changed (a change this daemon did not make nor hear of through the group).
    void settingsChanged(const QString &room, const Kaiwa::Server::RoomPolicy::Settings &settings);
    /// The account's role in the room changed (None: taken away), likewise.
    void roleChanged(const QString &room, const QString &account, Kaiwa::RoomRole role);
    /// The room's bans or mutes changed, likewise.
    void restrictionsChanged(const QString &room);

private:
    struct Cached {
        Settings settings;
        QList<RoomPolicyStore::RoleEntry> roles;
        QList<Restriction> restrictions; ///< As read (expired ones are filtered when asked).
    };
    /// The room's cached state, read from the store when not cached; nothing when the store failed.
    const Cached *cached(const QString &room);
    std::optional<Cached> load(const QString &room);
    /// Signals the differences between what was cached and what was read.
    void announce(const QString &room, const Cached &before, const Cached &after);
    std::optional<Restriction> restrictionOf(const QString &room, Restriction::Kind kind, const QString &account,
                                             const QHostAddress &address);
    /// What the public calls answer, from a room's cached state (read once per call).
    static RoomRole roleIn(const Cached &state, const QString &account);
    static bool visibleTo(const Cached &state, const QString &room, const QString &account);
    static std::optional<Restriction> restrictionIn(const Cached &state, Restriction::Kind kind, const QString &account,
                                                    const QHostAddress &address);
    static bool inForceAt(const Restriction &restriction, const QDateTime &now);
    /// Leaves only the rooms in use in the cache when it grew to m_trimAt (anyone can ask about any name).
    void trim();

    std::unique_ptr<RoomPolicyStore> m_store;
    QHash<QString, Cached> m_rooms;
    std::optional<qint64> m_changeSeq; ///< The store's counter when the cache was last made whole.
    std::function<bool(const QString &room)> m_inUse;
    qsizetype m_trimAt = MaxCachedRooms; ///< The cache's size at which trim() runs: at least twice what the last kept.
    QTimer m_pollTimer;
};

} // namespace Kaiwa::Server
