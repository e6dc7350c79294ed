// SPDX-License-Identifier: MIT
#include "sqlsearchindex.h"

#include "storagelogging.h"

#include <QCryptographicHash>
#include <QSqlError>

#include <algorithm>
#include <limits>
#include <tuple>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

/// Messages the upgrade that creates the index reads at a time.
constexpr int s_indexBatch = 1000;

/// A lexeme of a tsvector or tsquery literal. Tokens hold only letters, marks and numbers; escaped all the same.
QString lexeme(const QString &token)
{
    QString escaped = token;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'\'', u"''"_s);
    return u'\'' + escaped + u'\'';
}

} // namespace

SqlSearchIndex::SqlSearchIndex(const SqlResource &sql, const QSqlDatabase &db)
    : m_postgres(sql.backend() == "postgresql"_L1)
    , m_insert(db)
    , m_update(db)
    , m_remove(db)
    , m_lastPosition(db)
    , m_tailRooms(db)
    , m_tail(db)
    , m_mark(db)
    , m_roomBound(db)
    , m_select(db)
{
    m_ready = prepare(m_insert, sql, u"search_insert"_s) && prepare(m_update, sql, u"search_update"_s)
              && prepare(m_remove, sql, u"search_delete"_s) && prepare(m_roomBound, sql, u"search_room_bound"_s)
              && prepare(m_select, sql, u"search_messages"_s)
              && (m_postgres
                  || (prepare(m_lastPosition, sql, u"search_last_position"_s)
                      && prepare(m_tailRooms, sql, u"search_tail_rooms"_s) && prepare(m_tail, sql, u"search_tail"_s)
                      && prepare(m_mark, sql, u"search_mark"_s)));
}

int SqlSearchIndex::indexVersion(const QString &backend)
{
    return backend == "postgresql"_L1 ? 5 : 6;
}

bool SqlSearchIndex::prepare(QSqlQuery &query, const SqlResource &sql, const QString &name)
{
    query.setForwardOnly(true);
    if (query.prepare(sql.query(name)))
        return true;
    m_lastError = query.lastError();
    m_errorString = u"Cannot prepare statement %1"_s.arg(name);
    return false;
}

bool SqlSearchIndex::run(QSqlQuery &query, const QString &what)
{
    const bool ok = query.exec();
    if (!ok) {
        m_lastError = query.lastError();
        m_errorString = what;
    }
    query.finish();
    return ok;
}

QString SqlSearchIndex::roomToken(const QString &room)
{
    // Letters and digits only, whatever the room is called; 128 bits tell rooms apart (and the join checks the room).
    return u"room"_s
           + QString::fromLatin1(QCryptographicHash::hash(room.toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
}

QString SqlSearchIndex::messageToken(const QString &room, qint64 id)
{
    // The ascii tokenizer folds ASCII case: hex digits in either case are the same token.
    return u'k' + QString::fromLatin1(room.toUtf8().toHex()) + u'x' + QString::number(id);
}

void SqlSearchIndex::bindMessage(QSqlQuery &query, const QString &room, qint64 id) const
{
    if (isPostgres()) {
        query.bindValue(u":room"_s, room);
        query.bindValue(u":id"_s, id);
    } else {
        query.bindValue(u":key"_s, u"room_key : \""_s + messageToken(room, id) + u'"');
    }
}

QString SqlSearchIndex::indexValue(const QString &room, const QString &text) const
{
    const QStringList tokens = SearchText(text).indexTokens();
    if (!isPostgres())
        return tokens.isEmpty() ? u""_s : tokens.join(u' '); // not null: Qt binds a null QString as NULL
    // Positions make a run's bigrams a phrase; PostgreSQL keeps them up to 16383.
    QString vector = lexeme(roomToken(room));
    for (qsizetype i = 0; i < tokens.size(); ++i)
        vector += u' ' + lexeme(tokens.at(i)) + u':' + QString::number(i + 1);
    return vector;
}

QString SqlSearchIndex::matchValue(const QList<SearchText::Term> &terms, const QString &room) const
{
    QStringList parts;
    if (!room.isEmpty())
        parts.append(isPostgres() ? lexeme(roomToken(room)) : u"room_key : \""_s + roomToken(room) + u'"');
    for (const SearchText::Term &term : terms) {
        const QStringList bigrams = SearchText::runBigrams(term.text);
        // A short word or a single character: one token. A longer word: a prefix. A longer run: the phrase of its
        // bigrams.
        if (SearchText::isWholeToken(term)) {
            parts.append(isPostgres() ? lexeme(term.text) : u"body : \""_s + term.text + u'"');
        } else if (term.kind == SearchText::Term::Kind::Word) {
            const QString prefix = SearchText::indexToken(term.text);
            parts.append(isPostgres() ? lexeme(prefix) + u":*"_s : u"body : \""_s + prefix + u"\"*"_s);
        } else if (isPostgres()) {
            QStringList phrase;
            for (const QString &bigram : bigrams)
                phrase.append(lexeme(bigram));
            parts.append(u'(' + phrase.join(u" <-> "_s) + u')');
        } else {
            parts.append(u"body : \""_s + bigrams.join(u' ') + u'"');
        }
    }
    return parts.join(isPostgres() ? u" & "_s : u" AND "_s);
}

bool SqlSearchIndex::add(const QString &room, qint64 id, const QString &text)
{
    if (!isPostgres()) {
        ++m_added;
        return true;
    }
    m_insert.bindValue(u":body"_s, indexValue(room, text));
    m_insert.bindValue(u":room"_s, room);
    m_insert.bindValue(u":id"_s, id);
    return run(m_insert, u"Cannot index message %1"_s.arg(id));
}

bool SqlSearchIndex::insert(qint64 position, const QString &room, qint64 id, const QString &text)
{
    m_insert.bindValue(u":position"_s, position);
    m_insert.bindValue(u":room_key"_s, roomToken(room) + u' ' + messageToken(room, id));
    m_insert.bindValue(u":body"_s, indexValue(room, text));
    m_insert.bindValue(u":room"_s, room);
    m_insert.bindValue(u":id"_s, id);
    return run(m_insert, u"Cannot index message %1"_s.arg(id));
}

std::optional<qint64> SqlSearchIndex::lastPosition()
{
    if (!m_lastPosition.exec()) {
        m_lastError = m_lastPosition.lastError();
        m_errorString = u"Cannot read the search index"_s;
        return std::nullopt;
    }
    const qint64 last = m_lastPosition.next() ? m_lastPosition.value(0).toLongLong() : 0;
    m_lastPosition.finish();
    return last;
}

std::optional<QList<SqlSearchIndex::TailRow>> SqlSearchIndex::readTail(const QString &room, int limit,
                                                                       QHash<QString, qint64> *complete)
{
    const auto failed = [this](QSqlQuery &query) {
        m_lastError = query.lastError();
        m_errorString = u"Cannot read the messages not yet in the search index"_s;
        return std::nullopt;
    };
    struct Behind {
        QString room;
        qint64 lastId;
        qint64 indexed;
    };
    QList<Behind> rooms;
    if (!m_tailRooms.exec())
        return failed(m_tailRooms);
    while (m_tailRooms.next()) {
        if (room.isEmpty() || m_tailRooms.value(0).toString() == room)
            rooms.append(Behind{m_tailRooms.value(0).toString(), m_tailRooms.value(1).toLongLong(),
                                m_tailRooms.value(2).toLongLong()});
    }
    m_tailRooms.finish();
    QList<TailRow> rows;
    for (const Behind &behind : std::as_const(rooms)) {
        m_tail.bindValue(u":room"_s, behind.room);
        m_tail.bindValue(u":after"_s, behind.indexed);
        m_tail.bindValue(u":limit"_s, limit);
        if (!m_tail.exec())
            return failed(m_tail);
        int read = 0;
        for (; m_tail.next(); ++read)
            rows.append(TailRow{m_tail.value(1).toLongLong(), behind.room, m_tail.value(0).toLongLong(),
                                m_tail.value(2).toString()});
        m_tail.finish();
        if (complete && read < limit)
            complete->insert(behind.room, behind.lastId);
    }
    // The order of their positions: time first, as the upgrade indexed the history.
    std::sort(rows.begin(), rows.end(), [](const TailRow &a, const TailRow &b) {
        return std::tie(a.time, a.room, a.id) < std::tie(b.time, b.room, b.id);
    });
    return rows;
}

std::optional<int> SqlSearchIndex::indexTail(int budget)
{
    m_added = 0;
    if (isPostgres())
        return 0;
    QHash<QString, qint64> complete;
    const auto rows = readTail({}, budget, &complete);
    const auto last = rows ? lastPosition() : std::nullopt;
    if (!last)
        return std::nullopt;
    // The first `budget` in position order; of each room only the ids below the first one left out, so that
    // rooms.search_indexed can say "all up to here" (two daemons may store a room's messages out of time order).
    QHash<QString, qint64> indexedUpTo;
    QHash<QString, qint64> leftOut;
    for (qsizetype i = budget; i < rows->size(); ++i) {
        const TailRow &row = rows->at(i);
        if (!leftOut.contains(row.room) || row.id < leftOut.value(row.room))
            leftOut.insert(row.room, row.id);
    }
    qint64 position = *last;
    int indexed = 0;
    for (qsizetype i = 0; i < std::min<qsizetype>(budget, rows->size()); ++i) {
        const TailRow &row = rows->at(i);
        if (leftOut.contains(row.room) && row.id > leftOut.value(row.room))
            continue;
        if (!insert(++position, row.room, row.id, row.text))
            return std::nullopt;
        indexedUpTo.insert(row.room, std::max(indexedUpTo.value(row.room), row.id));
        ++indexed;
    }
    // A room read to its end is indexed up to its last id (edits, deletes and reactions are never indexed).
    for (auto it = complete.cbegin(); it != complete.cend(); ++it) {
        if (!leftOut.contains(it.key()))
            indexedUpTo.insert(it.key(), it.value());
    }
    for (auto it = indexedUpTo.cbegin(); it != indexedUpTo.cend(); ++it) {
        m_mark.bindValue(u":room"_s, it.key());
        m_mark.bindValue(u":id"_s, it.value());
        if (!run(m_mark, u"Cannot record what the search index holds"_s))
            return std::nullopt;
    }
    return indexed;
}

std::optional<QList<SqlSearchIndex::Pending>> SqlSearchIndex::tail(const QList<SearchText::Term> &terms,
                                                                   const QString &room, qint64 before, qint64 beforeId,
                                                                   int limit)
{
    QList<Pending> found;
    if (isPostgres())
        return found;
    const auto rows = readTail(room, std::numeric_limits<int>::max(), nullptr);
    const auto last = rows ? lastPosition() : std::nullopt;
    if (!last)
        return std::nullopt;
    for (qsizetype i = rows->size() - 1; i >= 0 && found.size() < limit; --i) {
        const TailRow &row = rows->at(i);
        const qint64 position = *last + 1 + i;
        const bool below = room.isEmpty() ? position < before : (beforeId <= 0 || row.id < beforeId);
        if (below && SearchText::matches(SearchText(row.text).indexTokens(), terms))
            found.append(Pending{position, row.room, row.id});
    }
    return found;
}

bool SqlSearchIndex::update(const QString &room, qint64 id, const QString &text)
{
    // A message of the tail has no index row yet: nothing to do, the tail is read with its current text.
    m_update.bindValue(u":body"_s, indexValue(room, text));
    bindMessage(m_update, room, id);
    return run(m_update, u"Cannot index the edit of message %1"_s.arg(id));
}

bool SqlSearchIndex::remove(const QString &room, qint64 id)
{
    bindMessage(m_remove, room, id);
    return run(m_remove, u"Cannot remove message %1 from the index"_s.arg(id));
}

std::optional<qint64> SqlSearchIndex::roomBound(const QString &room, qint64 beforeId)
{
    const auto failed = [this, &room](QSqlQuery &query) {
        m_lastError = query.lastError();
        m_errorString = u"Cannot search room %1"_s.arg(room);
        query.finish();
        return std::nullopt;
    };
    if (!isPostgres() && beforeId > 0) {
        // Most often the message of that id is in the index (the last match of the page before): below its row.
        m_select.bindValue(u":match"_s, u"room_key : \""_s + messageToken(room, beforeId) + u'"');
        m_select.bindValue(u":before"_s, std::numeric_limits<qint64>::max());
        m_select.bindValue(u":limit"_s, 1);
        if (!m_select.exec())
            return failed(m_select);
        const std::optional<qint64> position =
            m_select.next() ? std::optional(m_select.value(17).toLongLong()) : std::nullopt;
        m_select.finish();
        if (position)
            return *position;
    }
    m_roomBound.bindValue(isPostgres() ? u":room"_s : u":match"_s,
                          isPostgres() ? room : u"room_key : \""_s + roomToken(room) + u'"');
    m_roomBound.bindValue(u":before"_s, beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max());
    if (!m_roomBound.exec())
        return failed(m_roomBound);
    // Below the position of that message, itself included.
    const qint64 bound = m_roomBound.next() ? m_roomBound.value(0).toLongLong() + 1 : 0;
    m_roomBound.finish();
    return bound;
}

QSqlQuery *SqlSearchIndex::select(const QList<SearchText::Term> &terms, const QString &room, qint64 before, int limit)
{
    m_select.bindValue(u":match"_s, matchValue(terms, room));
    m_select.bindValue(u":before"_s, before);
    m_select.bindValue(u":limit"_s, limit);
    if (m_select.exec())
        return &m_select;
    m_lastError = m_select.lastError();
    m_errorString = u"Cannot search"_s;
    return nullptr;
}

bool SqlSearchIndex::indexExisting(const QSqlDatabase &db, const QString &backend, QString *error)
{
    const SqlResource sql(backend);
    SqlSearchIndex index(sql, db);
    QSqlQuery batch(db);
    batch.setForwardOnly(true);
    const auto fail = [&](const QString &what, const QSqlError &reason) {
        *error = u"%1: %2"_s.arg(what, reason.databaseText().isEmpty() ? reason.text() : reason.databaseText());
        return false;
    };
    if (!index.isReady())
        return fail(index.errorString(), index.lastError());
    if (!batch.prepare(sql.query(u"search_existing"_s)))
        return fail(u"Cannot read the messages to index"_s, batch.lastError());
    struct Row {
        qint64 time;
        QString room;
        qint64 id;
        QString text;
    };
    Row last{std::numeric_limits<qint64>::min(), QString(), 0, QString()};
    qint64 indexed = 0;
    for (;;) {
        batch.bindValue(u":time"_s, last.time);
        batch.bindValue(u":room"_s, last.room.isNull() ? u""_s : last.room);
        batch.bindValue(u":id"_s, last.id);
        batch.bindValue(u":limit"_s, s_indexBatch);
        if (!batch.exec())
            return fail(u"Cannot read the messages to index"_s, batch.lastError());
        // Read the whole batch before writing: SQLite must not change the table a statement is still reading.
        QList<Row> rows;
        while (batch.next())
            rows.append(Row{batch.value(0).toLongLong(), batch.value(1).toString(), batch.value(2).toLongLong(),
                            batch.value(3).toString()});
        batch.finish();
        if (rows.isEmpty())
            break;
        for (const Row &row : std::as_const(rows)) {
            // SQLite: straight into FTS5 (one transaction, one segment), the positions in time order from 1.
            ++indexed;
            if (!(index.isPostgres() ? index.add(row.room, row.id, row.text)
                                     : index.insert(indexed, row.room, row.id, row.text)))
                return fail(index.errorString(), index.lastError());
        }
        last = rows.constLast();
    }
    if (backend != "postgresql"_L1) {
        QSqlQuery markAll(db);
        if (!markAll.exec(sql.query(u"search_mark_all"_s)))
            return fail(u"Cannot record what the search index holds"_s, markAll.lastError());
    }
    qCInfo(lcStorage) << "indexed" << indexed << "messages for search";
    return true;
}

} // namespace Kaiwa::Server
