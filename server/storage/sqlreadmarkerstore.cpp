// SPDX-License-Identifier: MIT
#include "sqlreadmarkerstore.h"

#include "common/mentions.h"
#include "common/protocol.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

QString accountAuthor(const QString &account)
{
    return u"account:"_s + account; // authorKey() of a signed-in sender: the account's own messages
}

} // namespace

SqlReadMarkerStore::SqlReadMarkerStore(const QString &backend, const QString &connectionName)
    : m_statements(backend, connectionName, u"read marker"_s)
{
}

QVariant SqlReadMarkerStore::mentionsColumn(const QStringList &names)
{
    if (names.isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    QString column = u"\n"_s;
    for (const QString &name : names)
        column += Mentions::fold(name) + u'\n';
    return column;
}

SqlReadMarkerStore::IdRead SqlReadMarkerStore::readId(QSqlQuery &query, const QString &what)
{
    if (!m_statements.execute(query, what))
        return {};
    IdRead read{true, std::nullopt};
    if (query.next())
        read.id = query.value(0).toLongLong();
    else if (query.lastError().isValid()) {
        m_statements.setError(what, query.lastError());
        read.ok = false;
    }
    // A forward-only SELECT left open keeps a WAL read snapshot (SQLite), which blocks checkpoints.
    query.finish();
    return read;
}

std::optional<qint64> SqlReadMarkerStore::join(const QString &account, const QString &room, qint64 lastId)
{
    const QString what = u"Cannot read the read marker of %1 in room %2"_s.arg(account, room);
    const auto select = [&]() -> IdRead {
        QSqlQuery query;
        if (!m_statements.prepare(query, u"read_marker_select"_s))
            return {};
        query.bindValue(u":account"_s, account);
        query.bindValue(u":room"_s, room);
        return readId(query, what);
    };
    // Read first: every join after the first is a read, not a write.
    if (const IdRead existing = select(); !existing.ok || existing.id)
        return existing.id;
    QSqlQuery insert;
    if (!m_statements.prepare(insert, u"read_marker_insert"_s))
        return std::nullopt;
    insert.bindValue(u":account"_s, account);
    insert.bindValue(u":room"_s, room);
    insert.bindValue(u":read_id"_s, lastId);
    insert.bindValue(u":updated"_s, QDateTime::currentMSecsSinceEpoch());
    const IdRead made = readId(insert, u"Cannot make the read marker of %1 in room %2"_s.arg(account, room));
    if (!made.ok || made.id)
        return made.id;
    // Another daemon made it in between: that one counts.
    return select().id;
}

std::optional<qint64> SqlReadMarkerStore::advance(const QString &account, const QString &room, qint64 id)
{
    QSqlQuery query;
    if (!m_statements.prepare(query, u"read_marker_advance"_s))
        return std::nullopt;
    query.bindValue(u":account"_s, account);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":read_id"_s, id);
    query.bindValue(u":last_room"_s, room);
    query.bindValue(u":updated"_s, QDateTime::currentMSecsSinceEpoch());
    const IdRead moved = readId(query, u"Cannot move the read marker of %1 in room %2"_s.arg(account, room));
    if (!moved.ok)
        return std::nullopt;
    return moved.id.value_or(0);
}

std::optional<QList<ReadMarkerStore::Marker>> SqlReadMarkerStore::markers(const QString &account)
{
    QSqlQuery query;
    if (!m_statements.prepare(query, u"read_marker_select_all"_s))
        return std::nullopt;
    query.bindValue(u":account"_s, account);
    const QString what = u"Cannot read the read markers of %1"_s.arg(account);
    if (!m_statements.execute(query, what))
        return std::nullopt;
    QList<Marker> markers;
    while (query.next())
        markers.append(Marker{query.value(0).toString(), query.value(1).toLongLong()});
    if (query.lastError().isValid()) {
        m_statements.setError(what, query.lastError());
        return std::nullopt;
    }
    query.finish();

    QSqlQuery counts;
    if (!m_statements.prepare(counts, u"read_marker_counts"_s))
        return std::nullopt;
    const QString author = accountAuthor(account);
    const QString name = u"\n"_s + Mentions::fold(account) + u'\n';
    for (Marker &marker : markers) {
        // Qt binds each named placeholder once: each subquery has its own.
        for (const QString &prefix : {u":"_s, u":mention_"_s}) {
            counts.bindValue(prefix + u"room"_s, marker.room);
            counts.bindValue(prefix + u"read_id"_s, marker.readId);
            counts.bindValue(prefix + u"author"_s, author);
            counts.bindValue(prefix + u"limit"_s, Protocol::maxUnreadCount);
        }
        counts.bindValue(u":name"_s, name);
        if (!m_statements.execute(counts,
                                  u"Cannot count the unread messages of %1 in room %2"_s.arg(account, marker.room)))
            return std::nullopt;
        if (counts.next()) {
            marker.unread = counts.value(0).toInt();
            marker.mentions = counts.value(1).toInt();
        }
        counts.finish();
    }
    return markers;
}

} // namespace Kaiwa::Server
