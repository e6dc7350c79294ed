// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/messagestore.h"
#include "server/storage/sqlresource.h"
#include "server/storage/sqlsearchindex.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <memory>
#include <vector>

class QSqlError;

namespace Kaiwa::Server {

/**
 * The part of a MessageStore on Qt Sql that does not depend on the backend: the QSqlDatabase
 * connection, the prepared statements (read from `sql/<backend>/` by SqlResource, under the same
 * names for every backend), the read paths and the error helpers.
 *
 * A subclass opens the connection (and its schema), then calls prepareStatements(); it also
 * writes (append(), enforceRetention()), with its own transaction handling.
 * Like every QSqlDatabase connection, a store must only be used from the thread that opened it.
 */
class SqlMessageStore : public MessageStore
{
public:
    /// Larger `limit`s of latest/before/after are clamped to this.
    static constexpr int MaxPageSize = 1000;

    Q_DISABLE_COPY_MOVE(SqlMessageStore)

    QString connectionName() const { return m_connectionName; }
    bool isOpen() const;

    /// Replaces the clock that stamps messages and ages them for retention (UTC); for tests.
    void setClock(std::function<QDateTime()> clock);

    QList<ChatMessage> latest(const QString &room, int limit) override;
    QList<ChatMessage> before(const QString &room, qint64 beforeId, int limit) override;
    QList<ChatMessage> after(const QString &room, qint64 afterId, int limit) override;
    QList<RoomEvent> events(const QString &room, qint64 afterId, qint64 messagesUpTo, int limit) override;
    RoomState roomState(const QString &room, int latestCount) override;
    QString epoch(const QString &room) override;
    std::optional<MessageFacts> messageFacts(const QString &room, qint64 id) override;
    std::optional<AppendResult> append(const ChatMessage &message, const QString &author) override;
    using MessageStore::append;
    std::optional<QList<AppendResult>> appendAll(const QList<PendingAppend> &batch) override;
    std::optional<EventResult> appendEvent(const RoomEvent &event, const QString &author) override;
    qint64 firstId(const QString &room) override;
    qint64 lastId(const QString &room) override;
    QList<RoomStats> rooms() override;
    std::optional<RoomStats> roomStats(const QString &room) override;
    QString identity() const override { return m_identity; }
    /// SqlAccountStore on this store's connection and SQL folder.
    std::unique_ptr<AccountStore> createAccountStore() override;
    /// SqlReadMarkerStore on this store's connection and SQL folder.
    std::unique_ptr<ReadMarkerStore> createReadMarkerStore() override;
    /// SqlRoomPolicyStore on this store's connection and SQL folder.
    std::unique_ptr<RoomPolicyStore> createRoomPolicyStore() override;
    QString errorString() const override { return m_errorString; }
    quint64 writeCount() const override { return m_writeCount; }
    std::optional<SearchPage> search(const SearchQuery &query) override;

protected:
    /// The prepared statements, in the order of their resource names in the .cpp.
    enum class Statement {
        BeginWrite,
        Commit,
        Rollback,
        SelectMessageByClientId,
        BumpRoom,  ///< Reserves the room's next id (PostgreSQL; SQLite does it in InsertMessage).
        ReleaseId, ///< Gives BumpRoom's id back when nothing is stored under it (PostgreSQL).
        InsertMessage,
        SelectLatestMessages,
        SelectMessagesBefore,
        SelectMessagesAfter,
        SelectFirstId,
        SelectLastId,
        SelectRooms,
        SelectRoom,
        SelectRoomsOverCount,
        DeleteOldestMessages,
        DeleteMessagesOlderThan,
        SelectEvent,
        UpdateMessageText,
        DeleteMessageText,
        ClearTargetTexts,
        DeleteMessageReactions,
        SelectReactionCounts,
        InsertReaction,
        DeleteReaction,
        SelectReactions,
        SelectRoomEpoch,
        SelectRoomState,
        InsertRoom,
        AppendMessages, ///< A batch of messages in one statement (PostgreSQL's appendAll()).
        Count
    };

    /// One row of the messages table as written (docs/architecture.md, "Events"); the id comes from the store.
    /// messages.kind
    enum Kind : int {
        MessageKind = 0,
        EditKind = 1,
        DeleteKind = 2,
        ReactionKind = 3
    };

    struct Row {
        int kind = MessageKind;
        QString room;
        qint64 time = 0;
        QString user;
        QString text;
        QString clientId;
        bool verified = false;
        qint64 target = 0; ///< 0: NULL.
        QString author;
        QString replyUser;
        QString replyExcerpt;
        QString emoji;
        std::optional<bool> added;
        bool moderator = false;
        QStringList mentions; ///< A message's: Mentions::extract(text), stored for the read markers' counts.
    };

    /// @param backend SqlResource folder ("sqlite" or "postgresql").
    SqlMessageStore(const QString &backend, const QString &connectionName);
    ~SqlMessageStore() override = default;

    QSqlQuery &statement(Statement which) { return m_statements[std::size_t(which)]; }
    /// Prepares every statement on m_db; on failure sets the error and leaves none prepared.
    bool prepareStatements();
    /// Whether the backend has (and prepares) this statement; one it does without has no resource file.
    virtual bool usesStatement(Statement which) const
    {
        Q_UNUSED(which)
        return true;
    }
    /// Prepares one statement; a backend may keep some statements as text instead.
    virtual bool prepareStatement(Statement which, QSqlQuery &query, const QString &sql);
    /// Drops the statements, closes the connection and removes it from QSqlDatabase.
    void closeConnection();

    /// A write transaction that serialises this room's writes against every other connection's; calls noteWrite().
    virtual bool beginWrite() = 0;
    /// Counts a write begun on this connection (writeCount()).
    void noteWrite() { ++m_writeCount; }
    /// Commits it; on failure rolls back (error set) and returns false.
    virtual bool commitWrite() = 0;
    virtual void rollbackWrite() = 0;
    /**
     * Inside a write: reserves the room's next id where the backend does it before the insert (PostgreSQL's
     * bump_room, which also locks the room); 0 where the insert picks it (SQLite). Nothing on failure.
     */
    virtual std::optional<qint64> reserveId(const Row &row) = 0;
    /**
     * Inside a write: gives back the id reserveId() reserved for `row` when nothing is stored under it (a duplicate,
     * a refused reply), so the room's ids stay dense while the transaction goes on. False on failure (error set).
     */
    virtual bool releaseId(const Row &row, qint64 reservedId) = 0;
    /// Inside a write: inserts the row (under `reservedId` when not 0); its id, or nothing (error set).
    virtual std::optional<qint64> insertRow(const Row &row, qint64 reservedId) = 0;
    /// The row of an edit, delete or reaction (id, time and author aside).
    static Row rowOf(const RoomEvent &event);
    /// Binds the row's columns (all but the id) to an insert_message statement.
    static void bindRow(QSqlQuery &query, const Row &row);
    /**
     * Inside a write transaction: stores one message of appendAll(), after the client_id check and, for a reply, the
     * quote of the answered message, both read under the write lock. Nothing when the write failed (the caller rolls
     * back); a duplicate or refusal stores nothing and leaves the transaction usable.
     */
    std::optional<AppendResult> appendOne(const ChatMessage &message, const QString &author);
    /// Inside a write: what an edit, delete or reaction row changes of its target (docs/architecture.md).
    bool applyToTarget(const Row &row);
    /// What a reaction row would change: nothing (a duplicate), or too much (the bounds of docs/protocol.md).
    struct ReactionCheck {
        bool duplicate = false;
        Refusal refusal = Refusal::None;
    };
    /// Inside a write: checks a reaction row against what its message holds; nothing when the read failed.
    std::optional<ReactionCheck> checkReaction(const Row &row);

    bool execute(QSqlQuery &query, const QString &what);
    /// As above, `what` with %1 filled in by `subject` when it failed: hot reads spell no message when they succeed.
    bool execute(QSqlQuery &query, const QString &what, const QString &subject);
    /// The first row of the statement in `<name>.sql` (run unprepared, once); nothing, with the error set, on failure.
    std::optional<QVariantList> selectRow(const QString &name, const QString &what);
    /// Whether the store can be used; sets the error when not.
    virtual bool checkOpen();
    /// Whether latest/before/after with `limit` should read at all.
    virtual bool checkRead(int limit) { return checkOpen() && limit > 0; }
    virtual void setError(const QString &context, const QSqlError &error);
    static QString errorReason(const QSqlError &error);

    QList<ChatMessage> readMessages(QSqlQuery &query, const QString &room, bool newestFirst);
    /**
     * SQLite: moves a batch of the messages not yet in the search index to it, in a write of its own after the
     * append that made it due (SqlSearchIndex::indexDue()). A failure is logged: the messages stay in the tail,
     * which searches read, and the next batch tries again.
     */
    void indexSearchTail();
    /// Fills in the reaction summaries of messages read (one query for the range of their ids).
    void attachReactions(const QString &room, const QList<ChatMessage *> &messages);
    /// A read of one event: `ok` false when the read failed (error set); else the event, or nothing when none is.
    struct Lookup {
        bool ok = false;
        std::optional<RoomEvent> event;
    };
    Lookup eventByClientId(const QString &room, const QString &clientId);
    Lookup eventById(const QString &room, qint64 id);
    Lookup readOneEvent(QSqlQuery &query, const QString &room, const QString &what);
    qint64 readId(QSqlQuery &query, const QString &what);
    int deleteOverCount(qint64 maxMessagesPerRoom, int budget);
    int deleteOlderThan(int maxAgeDays, int budget);
    qint64 now() const { return m_clock().toMSecsSinceEpoch(); }

    /**
     * Columns: id, time, user, text, client_id, verified, kind, target, author, edited, deleted, reply_user,
     * reply_excerpt, emoji, added, moderator. A message comes without its reactions (attachReactions()).
     */
    static RoomEvent readEvent(const QSqlQuery &query, const QString &room);
    static ChatMessage readMessage(const QSqlQuery &query, const QString &room);
    /// The message of an event read back; another kind of event (under a message's client_id) gives only its id.
    static ChatMessage messageOf(const RoomEvent &event);
    /// Qt binds a null QString as SQL NULL; user and text are NOT NULL but may be empty.
    static QString notNull(const QString &text);

    QString m_connectionName;
    SqlResource m_sql;
    QSqlDatabase m_db;
    std::vector<QSqlQuery> m_statements; ///< Indexed by Statement; filled by prepareStatements().
    std::function<QDateTime()> m_clock;
    QString m_identity; ///< See identity(); read by the subclass when it opens the database.
    QString m_errorString;
    quint64 m_writeCount = 0;

    std::unique_ptr<SqlSearchIndex> m_search; ///< Made by prepareStatements(), on m_db.
};

} // namespace Kaiwa::Server
