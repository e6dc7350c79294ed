// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/searchtext.h"
#include "server/storage/sqlresource.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <optional>

namespace Kaiwa::Server {

/**
 * The full-text index of a SqlMessageStore's messages (docs/architecture.md, "Search"), on the store's connection
 * and inside its write transactions, so a search never disagrees with the messages: a message is found once it is
 * stored, by its current text once edited, and not at all once deleted. Retention needs no call: SQLite's trigger
 * and PostgreSQL's foreign key take the index rows with their messages.
 *
 * What the index keeps is SearchText's tokens: in SQLite an FTS5 table (`ascii` tokenizer: the tokens are already
 * normalised and split by spaces) with a column holding one room token, so a room filter is one more term; in
 * PostgreSQL a tsvector written as a literal (no parser between) under a GIN index, the room a lexeme too.
 * The position of an index row orders results newest first across rooms.
 *
 * SQLite: FTS5 writes a segment at every commit, and any row more in the transaction of a message cost as much
 * again as the message. So storing a message writes nothing for the index: a room's messages above
 * rooms.search_indexed are the tail, which tail() reads and matches (SearchText::matches()) and indexTail() moves
 * to FTS5 in batches, in a transaction of its own, once this connection stored IndexBatch messages (indexDue()).
 * Edits and deletes of indexed messages update FTS5 in their transaction; the tail is read from the messages
 * themselves, so it always holds their current text. (PostgreSQL's GIN index batches by itself: fastupdate.)
 */
class SqlSearchIndex
{
public:
    /// Messages (SQLite) a connection stores before it moves the tail to FTS5, and the most one move takes: it blocks
    /// the event loop for a few milliseconds per hundred messages.
    static constexpr int IndexBatch = 1000;

    /// Prepares the statements of `sql`'s backend on `db`; check errorString() for failure.
    SqlSearchIndex(const SqlResource &sql, const QSqlDatabase &db);

    bool isReady() const { return m_ready; }
    QString errorString() const { return m_errorString; }
    QSqlError lastError() const { return m_lastError; }

    /// Inside a write: indexes a message just stored (PostgreSQL), or counts it for indexDue() (SQLite: the tail).
    bool add(const QString &room, qint64 id, const QString &text);
    /// Whether this connection stored IndexBatch messages since it last ran indexTail().
    bool indexDue() const { return m_added >= IndexBatch; }
    /**
     * Inside a write of its own: moves at most `budget` messages of the tail to FTS5 (SQLite), the oldest first,
     * under positions above every one in use. Returns how many, or nothing when it failed.
     */
    std::optional<int> indexTail(int budget);
    /// Inside a write: the message's current text replaces what the index held of it.
    bool update(const QString &room, qint64 id, const QString &text);
    /// Inside a write: the message leaves the index.
    bool remove(const QString &room, qint64 id);

    /**
     * The position below which a room's matches older than message `beforeId` lie (0: the newest), or 0 when the
     * room holds no indexed message before it; nothing when the read failed.
     */
    std::optional<qint64> roomBound(const QString &room, qint64 beforeId);
    /**
     * Runs the search: rows of messages matching every term (in the room when not empty) with position below
     * `before`, newest first, at most `limit`. Columns as SqlMessageStore::readEvent() reads them, then the room
     * and the position. Nullptr when it failed.
     */
    QSqlQuery *select(const QList<SearchText::Term> &terms, const QString &room, qint64 before, int limit);
    /// A message of the tail that matches (SQLite): not yet in FTS5, newer than every row there.
    struct Pending {
        qint64 position = 0; ///< Where indexTail() will put it, if the tail stays as it is.
        QString room;
        qint64 id = 0;
    };
    /**
     * The messages of the tail (in the room when not empty) that match every term, newest first, at most `limit`;
     * with a room those with an id below `beforeId` (0: all), else those with a position below `before`. Empty for
     * PostgreSQL; nothing when the read failed.
     */
    std::optional<QList<Pending>> tail(const QList<SearchText::Term> &terms, const QString &room, qint64 before,
                                       qint64 beforeId, int limit);

    /**
     * Indexes every message a database holds, in time order: what the schema upgrade that creates the index
     * (index version) does for history stored before it. On the caller's connection, inside its transaction.
     */
    static bool indexExisting(const QSqlDatabase &db, const QString &backend, QString *error);
    /// The schema version of `backend` that creates the index.
    static int indexVersion(const QString &backend);
    /// The value the index keeps for a message of the room: FTS5 body text, or a tsvector literal.
    QString indexValue(const QString &room, const QString &text) const;

private:
    bool isPostgres() const { return m_postgres; }
    /// The match expression (FTS5) or tsquery literal of terms, limited to the room when not empty.
    QString matchValue(const QList<SearchText::Term> &terms, const QString &room) const;
    static QString roomToken(const QString &room);
    /// SQLite: the token naming a message in room_key (as the delete trigger builds it in SQL).
    static QString messageToken(const QString &room, qint64 id);
    /// SQLite: binds :key, the match expression of a message's own row, else (PostgreSQL) :room and :id.
    void bindMessage(QSqlQuery &query, const QString &room, qint64 id) const;
    /// A message of the tail, as read from the messages.
    struct TailRow {
        qint64 time = 0;
        QString room;
        qint64 id = 0;
        QString text;
    };
    /**
     * The tail, at most `limit` messages of each room (the room's only, when not empty), oldest first as indexTail()
     * orders them; `complete` gets the rooms read to their end, with their last id.
     */
    std::optional<QList<TailRow>> readTail(const QString &room, int limit, QHash<QString, qint64> *complete);
    std::optional<qint64> lastPosition();
    /// Inside a write: puts a message into FTS5 under a position (SQLite).
    bool insert(qint64 position, const QString &room, qint64 id, const QString &text);
    bool run(QSqlQuery &query, const QString &what);
    bool prepare(QSqlQuery &query, const SqlResource &sql, const QString &name);

    bool m_postgres = false;
    bool m_ready = false;
    QSqlQuery m_insert;
    QSqlQuery m_update;
    QSqlQuery m_remove;
    QSqlQuery m_lastPosition; ///< SQLite: the tail, see the class comment.
    QSqlQuery m_tailRooms;
    QSqlQuery m_tail;
    QSqlQuery m_mark;
    int m_added = 0; ///< Messages this connection stored since it last moved the tail (others may add too).
    QSqlQuery m_roomBound;
    QSqlQuery m_select;
    QString m_errorString;
    QSqlError m_lastError;
};

} // namespace Kaiwa::Server
