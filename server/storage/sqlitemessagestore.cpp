// SPDX-License-Identifier: MIT
#include "sqlitemessagestore.h"

#include "sqliteschema.h"
#include "storagelogging.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>

#include <algorithm>
#include <array>

namespace Kaiwa::Server
{

using namespace Qt::StringLiterals;

namespace
{

const QString s_driver = u"QSQLITE"_s;
const QString s_memory = u":memory:"_s;
constexpr qint64 s_msPerDay = 24 * 60 * 60 * 1000;

// Resource names (sql/sqlite/<name>.sql), indexed by SqliteMessageStore::Statement.
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
    return std::min(limit, SqliteMessageStore::MaxPageSize);
}

// Qt binds a null QString as SQL NULL; user and text are NOT NULL but may be empty.
QString notNull(const QString &text)
{
    return text.isNull() ? u""_s : text;
}

QDateTime fromMs(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// Columns: id, time, user, text, client_id, verified.
ChatMessage readMessage(const QSqlQuery &query, const QString &room)
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

// Columns: room, message_count, last_id, last_activity.
RoomStats readRoomStats(const QSqlQuery &query)
{
    return RoomStats { query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toLongLong(),
        fromMs(query.value(3)) };
}

} // namespace

SqliteMessageStore::SqliteMessageStore(const QString &databasePath, const QString &connectionName)
    : m_databasePath(databasePath)
    , m_connectionName(connectionName)
    , m_sql(u"sqlite"_s)
    , m_clock([] {
        return QDateTime::currentDateTimeUtc();
    })
{
}

SqliteMessageStore::~SqliteMessageStore()
{
    close();
}

bool SqliteMessageStore::isAvailable()
{
    return QSqlDatabase::isDriverAvailable(s_driver);
}

int SqliteMessageStore::schemaVersion()
{
    return SqliteSchema::latestVersion();
}

bool SqliteMessageStore::isOpen() const
{
    return m_db.isOpen() && !m_statements.empty();
}

void SqliteMessageStore::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

QString SqliteMessageStore::backendId() const
{
    return u"sqlite"_s;
}

void SqliteMessageStore::close()
{
    // Queries first: removeDatabase() warns about (and leaks) a connection still in use.
    m_statements.clear();
    if (m_db.isOpen()) {
        // Lets SQLite refresh its planner statistics where they are stale; cheap otherwise.
        QSqlQuery(u"PRAGMA optimize"_s, m_db).finish();
        m_db.close();
    }
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

bool SqliteMessageStore::open()
{
    close();
    m_errorString.clear();

    if (!isAvailable()) {
        m_errorString = u"The Qt SQLite driver (QSQLITE) is not available; install the Qt 6 SQLite plugin "
                        "(Debian: libqt6sql6-sqlite)"_s;
        qCWarning(lcStorage).noquote() << m_errorString;
        return false;
    }
    if (m_databasePath.isEmpty()) {
        m_errorString = u"No message database path given"_s;
        return false;
    }

    const bool isUri = m_databasePath.startsWith("file:"_L1);
    if (m_databasePath != s_memory && !isUri) {
        const QString dir = QFileInfo(m_databasePath).absolutePath();
        if (!QDir().mkpath(dir)) {
            m_errorString = u"Cannot create the folder %1 for the message database"_s.arg(dir);
            qCWarning(lcStorage).noquote() << m_errorString;
            return false;
        }
    }

    m_db = QSqlDatabase::addDatabase(s_driver, m_connectionName);
    m_db.setDatabaseName(m_databasePath);
    if (isUri)
        m_db.setConnectOptions(u"QSQLITE_OPEN_URI"_s);
    if (!m_db.open()) {
        setError(u"Cannot open message database %1"_s.arg(m_databasePath), m_db.lastError());
        close();
        return false;
    }
    bool ready = false;
    {
        // Scoped: the schema holds a handle on the connection, which close() removes.
        SqliteSchema schema(m_db, m_databasePath, BusyTimeoutMs);
        ready = schema.configure() && schema.upgrade();
        if (!ready)
            m_errorString = schema.errorString();
    }
    if (!ready || !prepareStatements()) {
        close();
        return false;
    }
    qCInfo(lcStorage).noquote() << "opened message database" << m_databasePath << "schema version" << schemaVersion();
    return true;
}

bool SqliteMessageStore::prepareStatements()
{
    static_assert(s_statementNames.size() == std::size_t(Statement::Count));
    m_statements.reserve(s_statementNames.size());
    for (const QLatin1StringView name : s_statementNames) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.prepare(m_sql.query(name))) {
            setError(u"Cannot prepare statement %1"_s.arg(name), query.lastError());
            m_statements.clear();
            return false;
        }
        m_statements.push_back(std::move(query));
    }
    return true;
}

QSqlQuery &SqliteMessageStore::statement(Statement which)
{
    return m_statements[std::size_t(which)];
}

bool SqliteMessageStore::execute(QSqlQuery &query, const QString &what)
{
    if (query.exec())
        return true;
    setError(what, query.lastError());
    return false;
}

bool SqliteMessageStore::beginWrite()
{
    return execute(statement(Statement::BeginWrite), u"Cannot start a write to the message database"_s);
}

bool SqliteMessageStore::commit()
{
    if (execute(statement(Statement::Commit), u"Cannot commit to the message database"_s))
        return true;
    rollback();
    return false;
}

void SqliteMessageStore::rollback()
{
    // Reset every statement first: ROLLBACK fails while one is still stepping.
    for (QSqlQuery &query : m_statements)
        query.finish();
    QSqlQuery &query = statement(Statement::Rollback);
    // Fails harmlessly when SQLite already rolled back by itself (e.g. after SQLITE_FULL).
    if (!query.exec())
        qCDebug(lcStorage) << "rollback:" << query.lastError().text();
}

bool SqliteMessageStore::checkOpen()
{
    if (isOpen())
        return true;
    m_errorString = u"The message database is not open"_s;
    return false;
}

void SqliteMessageStore::setError(const QString &context, const QSqlError &error)
{
    const QString reason = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    m_errorString = u"%1: %2"_s.arg(context, reason);
    qCWarning(lcStorage).noquote() << m_errorString;
}

qint64 SqliteMessageStore::now() const
{
    return m_clock().toMSecsSinceEpoch();
}

std::optional<MessageStore::AppendResult> SqliteMessageStore::append(const ChatMessage &message)
{
    if (!checkOpen())
        return std::nullopt;
    if (message.room.isEmpty()) {
        m_errorString = u"Cannot store a message without a room"_s;
        return std::nullopt;
    }
    const qint64 time = now();
    if (!beginWrite())
        return std::nullopt;

    // Inside the write transaction, so two daemons cannot both miss the same client_id.
    if (!message.clientId.isEmpty()) {
        QSqlQuery &query = statement(Statement::SelectMessageByClientId);
        query.bindValue(u":room"_s, message.room);
        query.bindValue(u":client_id"_s, message.clientId);
        if (!execute(query, u"Cannot look up a client_id"_s)) {
            rollback();
            return std::nullopt;
        }
        if (query.next()) {
            AppendResult result { readMessage(query, message.room), true };
            query.finish();
            if (!commit())
                return std::nullopt;
            return result;
        }
        query.finish();
    }

    QSqlQuery &bump = statement(Statement::BumpRoom);
    bump.bindValue(u":room"_s, message.room);
    bump.bindValue(u":time"_s, time);
    if (!execute(bump, u"Cannot store message"_s)) {
        rollback();
        return std::nullopt;
    }
    if (!bump.next()) {
        setError(u"Cannot reserve a message id"_s, bump.lastError());
        rollback();
        return std::nullopt;
    }
    AppendResult result { message, false };
    result.message.id = bump.value(0).toLongLong();
    result.message.time = QDateTime::fromMSecsSinceEpoch(time, Qt::UTC);
    bump.finish();

    QSqlQuery &insert = statement(Statement::InsertMessage);
    insert.bindValue(u":room"_s, message.room);
    insert.bindValue(u":id"_s, result.message.id);
    insert.bindValue(u":time"_s, time);
    insert.bindValue(u":user"_s, notNull(message.user));
    insert.bindValue(u":text"_s, notNull(message.text));
    insert.bindValue(u":client_id"_s, message.clientId.isEmpty() ? QVariant() : QVariant(message.clientId));
    insert.bindValue(u":verified"_s, message.verified ? 1 : 0);
    if (!execute(insert, u"Cannot store message"_s)) {
        rollback();
        return std::nullopt;
    }
    insert.finish();
    if (!commit())
        return std::nullopt;
    return result;
}

QList<ChatMessage> SqliteMessageStore::readMessages(QSqlQuery &query, const QString &room, bool newestFirst)
{
    QList<ChatMessage> messages;
    if (!execute(query, u"Cannot read messages of room %1"_s.arg(room)))
        return messages;
    while (query.next())
        messages.append(readMessage(query, room));
    if (query.lastError().isValid())
        setError(u"Cannot read messages of room %1"_s.arg(room), query.lastError());
    // Always reset: a forward-only SELECT left open keeps a WAL read snapshot, which blocks checkpoints.
    query.finish();
    if (newestFirst)
        std::reverse(messages.begin(), messages.end());
    return messages;
}

QList<ChatMessage> SqliteMessageStore::latest(const QString &room, int limit)
{
    if (!checkOpen() || limit <= 0)
        return {};
    QSqlQuery &query = statement(Statement::SelectLatestMessages);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":limit"_s, clampLimit(limit));
    return readMessages(query, room, true);
}

QList<ChatMessage> SqliteMessageStore::before(const QString &room, qint64 beforeId, int limit)
{
    if (!checkOpen() || limit <= 0)
        return {};
    QSqlQuery &query = statement(Statement::SelectMessagesBefore);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":id"_s, beforeId);
    query.bindValue(u":limit"_s, clampLimit(limit));
    return readMessages(query, room, true);
}

QList<ChatMessage> SqliteMessageStore::after(const QString &room, qint64 afterId, int limit)
{
    if (!checkOpen() || limit <= 0)
        return {};
    QSqlQuery &query = statement(Statement::SelectMessagesAfter);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":id"_s, afterId);
    query.bindValue(u":limit"_s, clampLimit(limit));
    return readMessages(query, room, false);
}

qint64 SqliteMessageStore::readId(QSqlQuery &query, const QString &what)
{
    if (!execute(query, what))
        return 0;
    const qint64 id = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return id;
}

qint64 SqliteMessageStore::firstId(const QString &room)
{
    if (!checkOpen())
        return 0;
    QSqlQuery &query = statement(Statement::SelectFirstId);
    query.bindValue(u":room"_s, room);
    return readId(query, u"Cannot read the first id of room %1"_s.arg(room));
}

qint64 SqliteMessageStore::lastId(const QString &room)
{
    if (!checkOpen())
        return 0;
    QSqlQuery &query = statement(Statement::SelectLastId);
    query.bindValue(u":room"_s, room);
    return readId(query, u"Cannot read the last id of room %1"_s.arg(room));
}

QList<RoomStats> SqliteMessageStore::rooms()
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

std::optional<RoomStats> SqliteMessageStore::roomStats(const QString &room)
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

int SqliteMessageStore::enforceRetention(const RetentionPolicy &policy, int batchLimit)
{
    if (!checkOpen())
        return -1;
    if (policy.isUnlimited() || batchLimit <= 0)
        return 0;
    if (!beginWrite())
        return -1;
    int deleted = 0;
    if (policy.maxMessagesPerRoom > 0) {
        const int count = deleteOverCount(policy.maxMessagesPerRoom, batchLimit);
        if (count < 0) {
            rollback();
            return -1;
        }
        deleted += count;
    }
    if (policy.maxAgeDays > 0 && deleted < batchLimit) {
        const int count = deleteOlderThan(policy.maxAgeDays, batchLimit - deleted);
        if (count < 0) {
            rollback();
            return -1;
        }
        deleted += count;
    }
    if (!commit())
        return -1;
    if (deleted > 0)
        qCDebug(lcStorage) << "retention deleted" << deleted << "messages";
    return deleted;
}

int SqliteMessageStore::deleteOverCount(qint64 maxMessagesPerRoom, int budget)
{
    // Rooms over the limit come from the rooms_message_count index; each room's oldest rows from
    // its primary key range. Only whole rooms' excess counts against the budget.
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

int SqliteMessageStore::deleteOlderThan(int maxAgeDays, int budget)
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
