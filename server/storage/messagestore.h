// SPDX-License-Identifier: MIT
#pragma once

#include "common/chatmessage.h"
#include "server/storage/accountstore.h"
#include "server/storage/readmarkerstore.h"
#include "server/storage/roomevent.h"
#include "server/storage/roompolicystore.h"
#include "server/storage/searchtext.h"

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
     * Whether chat messages are better written on a connection and a thread of their own (AppendWorker): true for a
     * database on a server, whose every write is a round trip the event loop would wait for. SQLite writes are
     * local, and a second connection of this process would contend for the file's lock.
     */
    virtual bool writesOffTheLoop() const { return false; }

    /// How a daemon holds a database on a server that other daemons may open too (docs/scale-out.md).
    enum class Claim {
        Shared,    ///< Daemons that share rooms through Redis.
        Exclusive, ///< A daemon without Redis delivers to its own members only: it must be alone on the database.
    };
    enum class ClaimResult {
        Held,
        Busy,          ///< Another daemon holds it in a conflicting way.
        Failed,        ///< The database could not say (errorString()).
        NotApplicable, ///< Not a database on a server (an SQLite file has SqliteFileLock).
    };
    /// Takes this daemon's claim on the database (after open()), held while the store is open and taken again when it
    /// reconnects; the store refuses to work while another daemon's claim conflicts with it.
    virtual ClaimResult claim(Claim claim)
    {
        Q_UNUSED(claim)
        return ClaimResult::NotApplicable;
    }

    /**
     * The accounts kept in the same database, on the same connection, or nullptr for a backend that
     * keeps none. The store must outlive it.
     */
    virtual std::unique_ptr<AccountStore> createAccountStore() { return nullptr; }
    /// The read markers kept in the same database, on the same connection, or nullptr for a backend that keeps
    /// none. The store must outlive it.
    virtual std::unique_ptr<ReadMarkerStore> createReadMarkerStore() { return nullptr; }
    /// Room settings, roles, bans, mutes and the audit log kept in the same database, on the same connection, or
    /// nullptr for a backend that keeps none. The store must outlive it.
    virtual std::unique_ptr<RoomPolicyStore> createRoomPolicyStore() { return nullptr; }

    /// Why the store did not take an event (nothing was stored; the caller answers with the matching error).
    enum class Refusal {
        None,
        UnknownTarget,    ///< The target (or reply_to) is no message of the room (maybe an event, not a message).
        DeletedTarget,    ///< The target was deleted.
        TooManyReactions, ///< Over Protocol::maxReactionsPerMessage or Protocol::maxReactionsPerReactor.
    };

    struct AppendResult {
        ChatMessage
            message; ///< As stored: id, time, mentions and reply quote filled in (the original one when duplicate).
        bool duplicate = false;
        Refusal refusal = Refusal::None; ///< A reply to a message that is not there (message is then as given).
    };

    /**
     * Stores a message before it is broadcast and assigns its id and time. A message whose
     * non-empty clientId the room already holds is not stored again: the original comes back
     * with duplicate = true. A reply (replyTo set: only its id is read) gets its quote from the
     * answered message, in the same transaction; a reply to no message or a deleted one is refused.
     * `author` is the author key (authorKey()), which alone may edit or delete the message later;
     * empty: nobody. Returns nothing when the write failed (disk full, read-only...).
     */
    virtual std::optional<AppendResult> append(const ChatMessage &message, const QString &author) = 0;
    /// A message nobody may edit or delete (tools, tests).
    std::optional<AppendResult> append(const ChatMessage &message) { return append(message, QString()); }

    /// One message of appendAll(): what append() takes.
    struct PendingAppend {
        ChatMessage message;
        QString author;
    };
    /**
     * Group commit: stores every message of the batch as append() would, in order, in one write transaction,
     * so the disk sees one commit for all of them. A duplicate or refused message takes no id and does not
     * abort the others. Returns one result per message, in the batch's order; nothing when the write failed,
     * and then none of them is stored.
     */
    virtual std::optional<QList<AppendResult>> appendAll(const QList<PendingAppend> &batch) = 0;

    struct EventResult {
        RoomEvent event;        ///< As stored (the original one when duplicate); as given when refused.
        bool duplicate = false; ///< The client_id was used already, or the reaction change changes nothing.
        Refusal refusal = Refusal::None;
    };

    /**
     * Stores an edit, delete or reaction (ChatEditEvent, ChatDeleteEvent, ChatReactionEvent: target,
     * text or emoji, user, verified, client id) under the room's next id and updates its target in the same
     * transaction: an edit replaces the text (edited time), a delete empties it and the text of every edit of
     * it and of the quotes of its replies, and removes its reactions; a reaction adds or removes the
     * reactor's row (`author` is the reactor key). Whether the actor may do it is decided above the store
     * (ChatService); the store refuses what its data decides: an unknown or deleted target, reaction bounds.
     * A reaction that changes nothing (react twice, unreact what one does not hold) is a duplicate and
     * stores nothing. Returns nothing when the write failed.
     */
    virtual std::optional<EventResult> appendEvent(const RoomEvent &event, const QString &author) = 0;

    /// What the checks of an edit or delete need of a message.
    struct MessageFacts {
        bool exists = false; ///< The room holds an event with this id.
        qint64 id = 0;
        bool isMessage = false; ///< kind message; false for an edit, delete or reaction event.
        bool deleted = false;
        QString author; ///< Author key; empty when nobody may edit it (stored before authors were).
        QDateTime time;
    };
    /// The facts of the event with this id (`exists` false when the room holds none); nothing when the read failed.
    virtual std::optional<MessageFacts> messageFacts(const QString &room, qint64 id) = 0;

    /// Up to `limit` newest messages of the room (events excluded), oldest first, in their current state.
    virtual QList<ChatMessage> latest(const QString &room, int limit) = 0;
    /// Up to `limit` messages with id < beforeId, the newest of them, oldest first, in their current state.
    virtual QList<ChatMessage> before(const QString &room, qint64 beforeId, int limit) = 0;
    /// Up to `limit` messages with id > afterId (events excluded), oldest first, in their current state.
    virtual QList<ChatMessage> after(const QString &room, qint64 afterId, int limit) = 0;
    /**
     * Up to `limit` events with id > afterId in id order, messages in their current state; those with
     * id <= messagesUpTo only when they are messages (their state shows the rest of that range).
     */
    virtual QList<RoomEvent> events(const QString &room, qint64 afterId, qint64 messagesUpTo, int limit) = 0;
    /// What a join needs of its room, read at once (ChatService::join()).
    struct RoomState {
        qint64 lastId = 0;      ///< As lastId().
        QString epoch;          ///< As epoch(): made now when the room has none yet.
        qint64 latestStart = 0; ///< The id before the `latestCount`-th newest message (lastId when `latestCount` is 0).
    };
    /// lastId(), epoch() and where a replay of the latest `latestCount` messages starts, in one read when the room
    /// exists; what could not be read is left at its default (and the reason in errorString()).
    virtual RoomState roomState(const QString &room, int latestCount) = 0;
    /**
     * The random id of the room's stored history, made by the first call for the room (its first join) or its
     * first event, whichever comes first, so a client that saw the room empty holds the epoch its messages get.
     * Empty when the store failed.
     */
    virtual QString epoch(const QString &room) = 0;

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

    /// A full-text search (docs/protocol.md, "Search").
    struct SearchQuery {
        QString text;      ///< As the user typed it; SearchText makes the terms, every one of which must match.
        QString room;      ///< Only this room's messages; empty: every room.
        qint64 before = 0; ///< With a room a message id, else a position (SearchPage::nextBefore); 0: the newest.
        int limit = 20;
    };
    struct SearchHit {
        ChatMessage message;                ///< In its current state, with its room.
        QList<SearchText::Span> highlights; ///< The matched parts of its text.
        qint64 position = 0;                ///< Its place in the index, newest highest.
    };
    struct SearchPage {
        QList<SearchHit> hits; ///< Newest first.
        bool more = false;     ///< Older matches exist; the next page passes nextBefore as `before`.
        qint64 nextBefore = 0;
    };
    /**
     * Up to `limit` messages (not events, not deleted) whose current text matches every term of the query, newest
     * first. A query without terms finds nothing. Nothing when the read failed.
     */
    virtual std::optional<SearchPage> search(const SearchQuery &query) = 0;

    virtual QString errorString() const = 0;
    /**
     * How many writes of messages and rooms this store began (transactions, and the row a first epoch() makes):
     * what was read from it at another count may be stale. Writes of other stores (other daemons, the
     * AppendWorker's) do not count.
     */
    virtual quint64 writeCount() const = 0;
};

} // namespace Kaiwa::Server
