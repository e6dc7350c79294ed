// SPDX-License-Identifier: MIT
#include "sqlmessagestore.h"

#include "sqlaccountstore.h"
#include "storagelogging.h"

#include <QSqlError>
#include <QSqlRecord>

#include <algorithm>
#include <array>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 s_msPerDay = 24 * 60 * 60 * 1000;

// Resource names (sql/<backend>/<name>.sql), indexed by SqlMessageStore::Statement.
constexpr std::array<QLatin1StringView, 16> s_statementNames = {
    "begin_write"_L1,
    "commit"_L1,
    "rollback"_L1,
    "select_message_by_client_id"_L1,
    "bump_room"_L1,
    "insert_message"_L1,
    "select_latest_messages"_L1,
    "select_messages_before"_L1,
    "select_messages_after"_L1,
    "select_first_id"_L1,
    "select_last_id"_L1,
    "select_rooms"_L1,
    "select_room"_L1,
    "select_rooms_over_count"_L1,
    "delete_oldest_messages"_L1,
    "delete_messages_older_than"_L1,
};

int clampLimit(int limit)
{
    return std::min(limit, SqlMessageStore::MaxPageSize);
}

QDateTime fromMs(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// Columns: room, message_count, last_id, last_activity.
RoomStats readRoomStats(const QSqlQuery &query)
{
    return RoomStats { query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toLongLong(),
        fromMs(query.value(3)) };
}

} // namespace

SqlMessageStore::SqlMessageStore(const QString &backend, const QString &connectionName)
    : m_connectionName(connectionName)
    , m_sql(backend)
    , m_clock([] {
        return QDateTime::currentDateTimeUtc();
    })
{
}

std::unique_ptr<AccountStore> SqlMessageStore::createAccountStore()
{
    return std::make_unique<SqlAccountStore>(m_sql.backend(), m_connectionName);
}

bool SqlMessageStore::isOpen() const
{
    return m_db.isOpen() && !m_statements.empty();
}

void SqlMessageStore::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

bool SqlMessageStore::prepareStatements()
{
    static_assert(s_statementNames.size() == std::size_t(Statement::Count));
    m_statements.reserve(s_statementNames.size());
    for (const QLatin1StringView name : s_statementNames) {
        const Statement which = Statement(m_statements.size());
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!usesStatement(which)) {
            m_statements.push_back(std::move(query));
            continue;
        }
        if (!prepareStatement(which, query, m_sql.query(name))) {
            setError(u"Cannot prepare statement %1"_s.arg(name), query.lastError());
            m_statements.clear();
            return false;
        }
        m_statements.push_back(std::move(query));
    }
    return true;
}

bool SqlMessageStore::prepareStatement(Statement which, QSqlQuery &query, const QString &sql)
{
    Q_UNUSED(which)
    return query.prepare(sql);
}

void SqlMessageStore::closeConnection()
{
    // Queries first: removeDatabase() warns about (and leaks) a connection still in use.
    m_statements.clear();
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

bool SqlMessageStore::execute(QSqlQuery &query, const QString &what)
{
    if (query.exec())
        return true;
    setError(what, query.lastError());
    return false;
}

std::optional<QVariantList> SqlMessageStore::selectRow(const QString &name, const QString &what)
{
    QSqlQuery query(m_db);
    if (!query.exec(m_sql.query(name))) {
        setError(what, query.lastError());
        return std::nullopt;
    }
    if (!query.next()) {
        m_errorString = what + u": no row"_s;
        qCWarning(lcStorage).noquote() << m_errorString;
        return std::nullopt;
    }
    QVariantList row;
    for (int column = 0; column < query.record().count(); ++column)
        row.append(query.value(column));
    return row;
}

bool SqlMessageStore::checkOpen()
{
    if (isOpen())
        return true;
    m_errorString = u"The message database is not open"_s;
    return false;
}

QString SqlMessageStore::errorReason(const QSqlError &error)
{
    return error.databaseText().isEmpty() ? error.text() : error.databaseText();
}

void SqlMessageStore::setError(const QString &context, const QSqlError &error)
{
    m_errorString = u"%1: %2"_s.arg(context, errorReason(error));
    qCWarning(lcStorage).noquote() << m_errorString;
}

QString SqlMessageStore::notNull(const QString &text)
{
    return text.isNull() ? u""_s : text;
}

ChatMessage SqlMessageStore::readMessage(const QSqlQuery &query, const QString &room)
{
    ChatMessage message;
    message.id = query.value(0).toLongLong();
    message.room = room;
    message.time = fromMs(query.value(1));
    message.user = query.value(2).toString();
    message.text = query.value(3).toString();
    message.clientId = query.value(4).toString();
    message.verified = query.value(5).toBool();
    return message;
}

QList<ChatMessage> SqlMessageStore::readMessages(QSqlQuery &query, const QString &room, bool newestFirst)
{
    QList<ChatMessage> messages;
    if (!execute(query, u"Cannot read messages of room %1"_s.arg(room)))
        return messages;
    while (query.next())
        messages.append(readMessage(query, room));
    if (query.lastError().isValid())
        setError(u"Cannot read messages of room %1"_s.arg(room), query.lastError());
    // Always reset: a forward-only SELECT left open keeps a WAL read snapshot (SQLite), which blocks checkpoints.
    query.finish();
    if (newestFirst)
        std::reverse(messages.begin(), messages.end());
    return messages;
}

QList<ChatMessage> SqlMessageStore::latest(const QString &room, int limit)
{
    if (!checkRead(limit))
        return {};
    QSqlQuery &query = statement(Statement::SelectLatestMessages);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":limit"_s, clampLimit(limit));
    return readMessages(query, room, true);
}

QList<ChatMessage> SqlMessageStore::before(const QString &room, qint64 beforeId, int limit)
{
    if (!checkRead(limit))
        return {};
    QSqlQuery &query = statement(Statement::SelectMessagesBefore);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":id"_s, beforeId);
    query.bindValue(u":limit"_s, clampLimit(limit));
    return readMessages(query, room, true);
}

QList<ChatMessage> SqlMessageStore::after(const QString &room, qint64 afterId, int limit)
{
    if (!checkRead(limit))
        return {};
    QSqlQuery &query = statement(Statement::SelectMessagesAfter);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":id"_s, afterId);
    query.bindValue(u":limit"_s, clampLimit(limit));
    return readMessages(query, room, false);
}

qint64 SqlMessageStore::readId(QSqlQuery &query, const QString &what)
{
    if (!execute(query, what))
        return 0;
    const qint64 id = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return id;
}

qint64 SqlMessageStore::firstId(const QString &room)
{
    if (!checkOpen())
        return 0;
    QSqlQuery &query = statement(Statement::SelectFirstId);
    query.bindValue(u":room"_s, room);
    return readId(query, u"Cannot read the first id of room %1"_s.arg(room));
}

qint64 SqlMessageStore::lastId(const QString &room)
{
    if (!checkOpen())
        return 0;
    QSqlQuery &query = statement(Statement::SelectLastId);
    query.bindValue(u":room"_s, room);
    return readId(query, u"Cannot read the last id of room %1"_s.arg(room));
}

QList<RoomStats> SqlMessageStore::rooms()
{
    QList<RoomStats> result;
    if (!checkOpen())
        return result;
    QSqlQuery &query = statement(Statement::SelectRooms);
    if (!execute(query, u"Cannot list rooms"_s))
        return result;
    while (query.next())
        result.append(readRoomStats(query));
    query.finish();
    return result;
}

std::optional<RoomStats> SqlMessageStore::roomStats(const QString &room)
{
    if (!checkOpen())
        return std::nullopt;
    QSqlQuery &query = statement(Statement::SelectRoom);
    query.bindValue(u":room"_s, room);
    if (!execute(query, u"Cannot read room %1"_s.arg(room)))
        return std::nullopt;
    std::optional<RoomStats> stats;
    if (query.next())
        stats = readRoomStats(query);
    query.finish();
    return stats;
}

int SqlMessageStore::deleteOverCount(qint64 maxMessagesPerRoom, int budget)
{
    // Rooms over the limit come from the rooms table (SQLite scans it: one row per room; PostgreSQL
    // has an index); each room's oldest rows from its primary key range. Only whole rooms' excess counts against the budget.
    QSqlQuery &rooms = statement(Statement::SelectRoomsOverCount);
    rooms.bindValue(u":max"_s, maxMessagesPerRoom);
    rooms.bindValue(u":limit"_s, budget);
    if (!execute(rooms, u"Cannot apply retention"_s))
        return -1;
    QList<std::pair<QString, qint64>> excess;
    while (rooms.next())
        excess.append({ rooms.value(0).toString(), rooms.value(1).toLongLong() - maxMessagesPerRoom });
    rooms.finish();

    int deleted = 0;
    QSqlQuery &remove = statement(Statement::DeleteOldestMessages);
    for (const auto &[room, count] : std::as_const(excess)) {
        if (deleted >= budget)
            break;
        remove.bindValue(u":room"_s, room);
        remove.bindValue(u":subroom"_s, room);
        remove.bindValue(u":count"_s, std::min<qint64>(count, budget - deleted));
        if (!execute(remove, u"Cannot apply retention to room %1"_s.arg(room)))
            return -1;
        deleted += remove.numRowsAffected();
        remove.finish();
    }
    return deleted;
}

int SqlMessageStore::deleteOlderThan(int maxAgeDays, int budget)
{
    QSqlQuery &remove = statement(Statement::DeleteMessagesOlderThan);
    remove.bindValue(u":cutoff"_s, now() - maxAgeDays * s_msPerDay);
    remove.bindValue(u":limit"_s, budget);
    if (!execute(remove, u"Cannot apply retention"_s))
        return -1;
    const int deleted = remove.numRowsAffected();
    remove.finish();
    return deleted;
}

} // namespace Kaiwa::Server
