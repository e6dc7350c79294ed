// SPDX-License-Identifier: MIT
#include "sqlsearchindex.h"

#include "storagelogging.h"

#include <QCryptographicHash>
#include <QSqlError>

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
    , m_link(db)
    , m_update(db)
    , m_remove(db)
    , m_unlink(db)
    , m_updatePending(db)
    , m_removePending(db)
    , m_flush(db)
    , m_flushClear(db)
    , m_pending(db)
    , m_roomBound(db)
    , m_select(db)
{
    m_ready = prepare(m_insert, sql, u"search_insert"_s) && prepare(m_update, sql, u"search_update"_s)
              && prepare(m_remove, sql, u"search_delete"_s) && prepare(m_roomBound, sql, u"search_room_bound"_s)
              && prepare(m_select, sql, u"search_messages"_s)
              && (m_postgres
                  || (prepare(m_link, sql, u"search_link"_s) && prepare(m_unlink, sql, u"search_unlink"_s)
                      && prepare(m_updatePending, sql, u"search_update_pending"_s)
                      && prepare(m_removePending, sql, u"search_delete_pending"_s)
                      && prepare(m_flush, sql, u"search_flush"_s) && prepare(m_flushClear, sql, u"search_flush_clear"_s)
                      && prepare(m_pending, sql, u"search_pending"_s)));
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
        // A word, or a run of one character: a prefix. A longer run: the phrase of its bigrams.
        if (term.kind == SearchText::Term::Kind::Word || bigrams.isEmpty()) {
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
    m_insert.bindValue(u":body"_s, indexValue(room, text));
    m_insert.bindValue(u":room"_s, room);
    m_insert.bindValue(u":id"_s, id);
    if (!isPostgres())
        m_insert.bindValue(u":room_key"_s, roomToken(room));
    if (!run(m_insert, u"Cannot index message %1"_s.arg(id)))
        return false;
    if (isPostgres())
        return true;
    m_link.bindValue(u":room"_s, room);
    m_link.bindValue(u":id"_s, id);
    if (!run(m_link, u"Cannot index message %1"_s.arg(id)))
        return false;
    return ++m_added < FlushBatch || flush();
}

bool SqlSearchIndex::flush()
{
    if (isPostgres())
        return true;
    if (!run(m_flush, u"Cannot move pending rows to the search index"_s)
        || !run(m_flushClear, u"Cannot move pending rows to the search index"_s))
        return false;
    m_added = 0;
    return true;
}

std::optional<QList<SqlSearchIndex::Pending>> SqlSearchIndex::pending(const QList<SearchText::Term> &terms,
                                                                      const QString &room, qint64 before)
{
    QList<Pending> found;
    if (isPostgres())
        return found;
    m_pending.bindValue(u":before"_s, before);
    if (!m_pending.exec()) {
        m_lastError = m_pending.lastError();
        m_errorString = u"Cannot search"_s;
        return std::nullopt;
    }
    while (m_pending.next()) {
        const QString rowRoom = m_pending.value(1).toString();
        if (!room.isEmpty() && rowRoom != room)
            continue;
        if (SearchText::matches(m_pending.value(3).toString().split(u' ', Qt::SkipEmptyParts), terms))
            found.append(Pending{m_pending.value(0).toLongLong(), rowRoom, m_pending.value(2).toLongLong()});
    }
    m_pending.finish();
    return found;
}

bool SqlSearchIndex::update(const QString &room, qint64 id, const QString &text)
{
    const QString value = indexValue(room, text);
    m_update.bindValue(u":body"_s, value);
    m_update.bindValue(u":room"_s, room);
    m_update.bindValue(u":id"_s, id);
    if (!run(m_update, u"Cannot index the edit of message %1"_s.arg(id)))
        return false;
    if (isPostgres())
        return true;
    m_updatePending.bindValue(u":body"_s, value);
    m_updatePending.bindValue(u":room"_s, room);
    m_updatePending.bindValue(u":id"_s, id);
    return run(m_updatePending, u"Cannot index the edit of message %1"_s.arg(id));
}

bool SqlSearchIndex::remove(const QString &room, qint64 id)
{
    m_remove.bindValue(u":room"_s, room);
    m_remove.bindValue(u":id"_s, id);
    if (!run(m_remove, u"Cannot remove message %1 from the index"_s.arg(id)))
        return false;
    if (isPostgres())
        return true;
    m_removePending.bindValue(u":room"_s, room);
    m_removePending.bindValue(u":id"_s, id);
    if (!run(m_removePending, u"Cannot remove message %1 from the index"_s.arg(id)))
        return false;
    m_unlink.bindValue(u":room"_s, room);
    m_unlink.bindValue(u":id"_s, id);
    return run(m_unlink, u"Cannot remove message %1 from the index"_s.arg(id));
}

std::optional<qint64> SqlSearchIndex::roomBound(const QString &room, qint64 beforeId)
{
    m_roomBound.bindValue(u":room"_s, room);
    m_roomBound.bindValue(u":before"_s, beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max());
    if (!m_roomBound.exec()) {
        m_lastError = m_roomBound.lastError();
        m_errorString = u"Cannot search room %1"_s.arg(room);
        return std::nullopt;
    }
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
            if (!index.add(row.room, row.id, row.text))
                return fail(index.errorString(), index.lastError());
        }
        indexed += rows.size();
        last = rows.constLast();
    }
    if (!index.flush())
        return fail(index.errorString(), index.lastError());
    qCInfo(lcStorage) << "indexed" << indexed << "messages for search";
    return true;
}

} // namespace Kaiwa::Server
