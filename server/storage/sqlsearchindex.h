// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/searchtext.h"
#include "server/storage/sqlresource.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <optional>

namespace Kaiwa::Server {

/**
 * The full-text index of a SqlMessageStore's messages (docs/architecture.md, "Search"), on the store's connection
 * and inside its write transactions, so the index never disagrees with the messages: a message is indexed when it
 * is stored, re-indexed when edited, and leaves the index when deleted. Retention needs no call: SQLite's trigger
 * and PostgreSQL's foreign key take the index rows with their messages.
 *
 * What the index keeps is SearchText's tokens: in SQLite an FTS5 table (`ascii` tokenizer: the tokens are already
 * normalised and split by spaces) with a column holding one room token, so a room filter is one more term; in
 * PostgreSQL a tsvector written as a literal (no parser between) under a GIN index, the room a lexeme too.
 * The position of an index row orders results newest first across rooms.
 *
 * SQLite: FTS5 writes a segment at every commit, which would double the cost of storing a message. So a new row
 * waits in message_search_pending (a plain table) until FlushBatch of them are there, then the transaction that
 * adds the last one moves them all to FTS5 at once. pending() reads and matches those rows (SearchText::matches());
 * they are always the newest. (PostgreSQL's GIN index does the same by itself: fastupdate.)
 */
class SqlSearchIndex
{
public:
    /// Pending rows (SQLite) that make the transaction adding the last of them move them all to FTS5.
    static constexpr int FlushBatch = 500;

    /// Prepares the statements of `sql`'s backend on `db`; check errorString() for failure.
    SqlSearchIndex(const SqlResource &sql, const QSqlDatabase &db);

    bool isReady() const { return m_ready; }
    QString errorString() const { return m_errorString; }
    QSqlError lastError() const { return m_lastError; }

    /// Inside a write: indexes a message just stored.
    bool add(const QString &room, qint64 id, const QString &text);
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
    /// A row of the index not yet moved to FTS5 (SQLite).
    struct Pending {
        qint64 position = 0;
        QString room;
        qint64 id = 0;
    };
    /// The pending rows below `before` that match every term (in the room when not empty), newest first; always
    /// newer than every row select() finds. Empty for PostgreSQL. Nothing when the read failed.
    std::optional<QList<Pending>> pending(const QList<SearchText::Term> &terms, const QString &room, qint64 before);
    /// Inside a write: moves every pending row to FTS5 (SQLite; nothing to do for PostgreSQL).
    bool flush();

    /**
     * Indexes every message a database holds, in time order: what the schema upgrade that creates the index
     * (index version) does for history stored before it. On the caller's connection, inside its transaction.
     */
    static bool indexExisting(const QSqlDatabase &db, const QString &backend, QString *error);
    /// The schema version of `backend` that creates the index.
    static int indexVersion(const QString &backend);

private:
    bool isPostgres() const { return m_postgres; }
    /// The value the index keeps for a message of the room: FTS5 body text, or a tsvector literal.
    QString indexValue(const QString &room, const QString &text) const;
    /// The match expression (FTS5) or tsquery literal of terms, limited to the room when not empty.
    QString matchValue(const QList<SearchText::Term> &terms, const QString &room) const;
    static QString roomToken(const QString &room);
    bool run(QSqlQuery &query, const QString &what);
    bool prepare(QSqlQuery &query, const SqlResource &sql, const QString &name);

    bool m_postgres = false;
    bool m_ready = false;
    QSqlQuery m_insert;
    QSqlQuery m_link; ///< SQLite: records the index row in messages.search_position.
    QSqlQuery m_update;
    QSqlQuery m_remove;
    QSqlQuery m_unlink;        ///< SQLite: clears messages.search_position of a message removed.
    QSqlQuery m_updatePending; ///< SQLite: the pending rows, see the class comment.
    QSqlQuery m_removePending;
    QSqlQuery m_flush;
    QSqlQuery m_flushClear;
    QSqlQuery m_pending;
    int m_added = 0; ///< Rows this connection added since it last moved them (others may add too).
    QSqlQuery m_roomBound;
    QSqlQuery m_select;
    QString m_errorString;
    QSqlError m_lastError;
};

} // namespace Kaiwa::Server
