// SPDX-License-Identifier: MIT
#pragma once

#include "common/chatmessage.h"
#include "server/storage/accountstore.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Kaiwa::Server {

/// What a room holds, for GET /api/rooms.
struct RoomStats {
    QString room;
    qint64 messages = 0;
    qint64 lastId = 0;
    QDateTime lastActivity;
    friend bool operator==(const RoomStats &, const RoomStats &) = default;
};

/// How much history to keep; 0 means no limit.
struct RetentionPolicy {
    qint64 maxMessagesPerRoom = 0;
    int maxAgeDays = 0;
    bool isUnlimited() const { return maxMessagesPerRoom <= 0 && maxAgeDays <= 0; }
};

/**
 * Message history behind one interface: SQLite and PostgreSQL, chosen by MessageStoreRegistry.
 *
 * The store is the id authority: append() assigns the next per-room id, so daemons that share
 * a database agree on ids. Calls are synchronous and short; none may scan a whole table.
 * Failures return false/nullopt and leave a reason in errorString().
 */
class MessageStore
{
public:
    virtual ~MessageStore() = default;

    /// Short identifier of the backend, e.g. "sqlite".
    virtual QString backendId() const = 0;

    /// Opens the database, creates or migrates the schema. False with errorString() on failure.
    virtual bool open() = 0;

    /**
     * What tells this database apart from every other one (valid after open()): the random identity
     * written into it when it was created, plus what a copy of it does not share (the file for
     * SQLite, the database and cluster for PostgreSQL). Daemons that share rooms must have equal
     * identities, or their ids collide (docs/scale-out.md). Empty for a store no other process can
     * open (":memory:").
     */
    virtual QString identity() const = 0;
    /// Where the database is, for people: a path, or a URL without its password.
    virtual QString displayName() const = 0;
    /// The file the database lives in, which daemons sharing it lock (SqliteFileLock); empty for a
    /// database on a server or in memory. Valid after open().
    virtual QString databaseFile() const { return {}; }

    /**
     * The accounts kept in the same database, on the same connection, or nullptr for a backend that
     * keeps none. The store must outlive it.
     */
    virtual std::unique_ptr<AccountStore> createAccountStore() { return nullptr; }

    struct AppendResult {
        ChatMessage message; ///< As stored: id and time filled in (the original one when duplicate).
        bool duplicate = false;
    };

    /**
     * Stores a message before it is broadcast and assigns its id and time. A message whose
     * non-empty clientId the room already holds is not stored again: the original comes back
     * with duplicate = true. Returns nothing when the write failed (disk full, read-only...).
     */
    virtual std::optional<AppendResult> append(const ChatMessage &message) = 0;

    /// Up to `limit` newest messages of the room, oldest first.
    virtual QList<ChatMessage> latest(const QString &room, int limit) = 0;
    /// Up to `limit` messages with id < beforeId, the newest of them, oldest first.
    virtual QList<ChatMessage> before(const QString &room, qint64 beforeId, int limit) = 0;
    /// Up to `limit` messages with id > afterId, oldest first.
    virtual QList<ChatMessage> after(const QString &room, qint64 afterId, int limit) = 0;

    /// Smallest id still kept in the room (0 when empty).
    virtual qint64 firstId(const QString &room) = 0;
    /// Largest id ever assigned in the room (0 when none); survives retention.
    virtual qint64 lastId(const QString &room) = 0;

    /// Every room that holds messages.
    virtual QList<RoomStats> rooms() = 0;
    /// Stats of one room; nullopt when it holds no messages.
    virtual std::optional<RoomStats> roomStats(const QString &room) = 0;

    /**
     * Deletes at most `batchLimit` messages that the policy no longer keeps, so a caller can spread
     * the work over several event loop turns. Returns how many were deleted (-1 on error).
     */
    virtual int enforceRetention(const RetentionPolicy &policy, int batchLimit) = 0;

    virtual QString errorString() const = 0;
};

} // namespace Kaiwa::Server
