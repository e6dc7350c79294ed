// SPDX-License-Identifier: MIT
#pragma once

#include "common/roomrole.h"
#include "common/serverevent.h"
#include "storage/messagestore.h"
#include "storage/roompolicystore.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Kaiwa::Server {

/**
 * The rooms, read-only, for whoever shows them rather than chats in them: the JSON API now; the
 * room directory page, unread counts and private rooms extend this interface (those calls will also
 * say who asks), so every reader of rooms goes through one door.
 *
 * Answers come through callbacks: at once today, later perhaps from a store on another thread. A
 * caller keeps what it needs to answer (an HttpResponder) in the callback and guards what else it
 * captures.
 */
class RoomDirectory
{
public:
    struct Room {
        QString name;
        qint64 members = 0;  ///< Connections in the room on this daemon.
        qint64 messages = 0; ///< Messages stored (what retention kept).
        qint64 lastId = 0;
        QDateTime lastActivity; ///< When the newest message was stored; invalid when none is.
        qint64 online = 0;      ///< People in the room now on every daemon (its presence count).
        /// For a signed-in caller, its read marker in a room it joined; then unread and mentions count after it.
        std::optional<qint64> readId;
        int unread = 0;   ///< Up to Protocol::maxUnreadCount.
        int mentions = 0; ///< Up to Protocol::maxUnreadCount.
        QString topic;
        bool isPrivate = false;
        QString direct;                 ///< A direct-message room: the caller's other account.
        RoomRole role = RoomRole::None; ///< The caller's role in the room.
        friend bool operator==(const Room &, const Room &) = default;
    };
    /// One room's settings and roles, as `GET /api/rooms/<room>` shows them to who asks.
    struct RoomDetails {
        QString name;
        QString topic;
        bool isPrivate = false;
        QString direct;                 ///< A direct-message room: the caller's other account.
        RoomRole role = RoomRole::None; ///< The caller's role in the room.
        QList<RoomPolicyStore::RoleEntry> roles;
        /// Bans and mutes in force, for a moderator or owner who asks; nothing for anyone else.
        std::optional<QList<RoomPolicyStore::Restriction>> restrictions;
    };
    using RoomsCallback = std::function<void(const QList<Room> &rooms)>;
    using PageCallback = std::function<void(const HistoryPageEvent &page)>;
    using SearchCallback = std::function<void(const std::optional<MessageStore::SearchPage> &page)>;
    /// A page of a room's audit log, or why the asker may not read it.
    struct AuditPage {
        enum class Status {
            Ok,
            SignInRequired, ///< Anonymous: only a room's owners read its log.
            Forbidden,      ///< Signed in, but no owner of the room.
            NotFound,       ///< A private room the asker may not see: answered as a room that does not exist.
            Failed,         ///< The store could not answer.
        };
        Status status = Status::Ok;
        QList<RoomPolicyStore::AuditEntry> entries; ///< Newest first.
        bool more = false;                          ///< Older entries exist.
    };
    using AuditCallback = std::function<void(const AuditPage &page)>;
    /// Nothing when the room may not be seen by who asks (a private room, an outsider): answered as not found.
    using DetailsCallback = std::function<void(const std::optional<RoomDetails> &details)>;

    virtual ~RoomDirectory() = default;

    /**
     * Every room with stored messages or members on this daemon, most active first: most people online, then the
     * latest activity, then by name. `account` is who asks (empty: anonymous): its read markers come along, the
     * private rooms and direct messages it has a role in are listed, no other private room is.
     */
    virtual void rooms(const QString &account, RoomsCallback done) const = 0;
    /**
     * A page of history before `beforeId` (0: the newest), oldest first, and whether older messages
     * exist: at most `limit` messages and one history budget of them (HistoryReader).
     */
    virtual void historyPage(const QString &room, qint64 beforeId, int limit, PageCallback done) const = 0;
    /// Whether `asker` (an account; empty: anonymous) may see the room: every public room, a private one it has a
    /// role in. Every reader of a room's contents asks first, and answers as for a missing room when not.
    virtual bool maySee(const QString &room, const QString &asker) const = 0;
    /// The room's settings and roles as `asker` may see them.
    virtual void details(const QString &room, const QString &asker, DetailsCallback done) const = 0;
    /**
     * Full-text search of the rooms `asker` may read (an account name; empty: anonymous), newest first
     * (MessageStore::search). An unknown room has no results, like a room one may not see. Nothing when the
     * store failed.
     */
    virtual void search(const MessageStore::SearchQuery &query, const QString &asker, SearchCallback done) const = 0;
    /**
     * The room's audit log before entry `beforeId` (0: the newest), newest first, at most `limit` entries, for
     * `asker` (an account; empty: anonymous) when it owns the room (docs/protocol.md, "Audit").
     */
    virtual void auditLog(const QString &room, const QString &asker, qint64 beforeId, int limit,
                          AuditCallback done) const = 0;
};

} // namespace Kaiwa::Server
