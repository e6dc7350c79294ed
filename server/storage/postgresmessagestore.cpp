// SPDX-License-Identifier: MIT
#include "postgresmessagestore.h"

#include "postgresschema.h"
#include "storagelogging.h"

#include <QSqlError>
#include <QUrlQuery>

#include <algorithm>
#include <array>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

const QString s_driver = u"QPSQL"_s;
constexpr qint64 s_msPerDay = 24 * 60 * 60 * 1000;

// Resource names (sql/postgresql/<name>.sql), indexed by PostgresMessageStore::Statement.
constexpr std::array<QLatin1StringView, 16> s_statementNames = {
    "begin_write"_L1, "commit"_L1,
    "rollback"_L1, "select_message_by_client_id"_L1,
    "bump_room"_L1, "insert_message"_L1,
    "select_latest_messages"_L1, "select_messages_before"_L1,
    "select_messages_after"_L1, "select_first_id"_L1,
    "select_last_id"_L1, "select_rooms"_L1,
    "select_room"_L1, "select_rooms_over_count"_L1,
    "delete_oldest_messages"_L1, "delete_messages_older_than"_L1,
};

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

RoomStats readRoomStats(const QSqlQuery &query)
{
    return RoomStats{query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toLongLong(),
                     fromMs(query.value(3))};
}

int clampLimit(int limit)
{
    return std::min(limit, PostgresMessageStore::MaxPageSize);
}

} // namespace

PostgresMessageStore::PostgresMessageStore(const QUrl &url, const QString &connectionName)
    : m_url(url)
    , m_connectionName(connectionName)
    , m_sql(u"postgresql"_s)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    QUrl display = url;
    display.setPassword(QString());
    m_displayName = display.toString();
}

PostgresMessageStore::~PostgresMessageStore()
{
    close();
}

bool PostgresMessageStore::isAvailable()
{
    return QSqlDatabase::isDriverAvailable(s_driver);
}

int PostgresMessageStore::schemaVersion()
{
    return PostgresSchema::latestVersion();
}

void PostgresMessageStore::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

QString PostgresMessageStore::backendId() const
{
    return u"postgresql"_s;
}

bool PostgresMessageStore::isOpen() const
{
    return m_db.isOpen() && !m_statements.empty();
}

void PostgresMessageStore::close()
{
    m_statements.clear();
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

bool PostgresMessageStore::open()
{
    m_errorString.clear();
    if (!isAvailable()) {
        m_errorString = u"The Qt PostgreSQL driver (QPSQL) is not available; install the Qt 6 PostgreSQL plugin "
                        "(Debian: libqt6sql6-psql)"_s;
        qCWarning(lcStorage).noquote() << m_errorString;
        return false;
    }
    if (!connectAndPrepare())
        return false;
    m_wanted = true;
    qCInfo(lcStorage).noquote() << "opened message database" << m_displayName << "schema version" << schemaVersion();
    return true;
}

bool PostgresMessageStore::connectAndPrepare()
{
    close();
    const QString database = m_url.path().mid(1);
    if (database.isEmpty()) {
        m_errorString = u"No database name in %1 (postgresql://USER@HOST:PORT/DB)"_s.arg(m_displayName);
        return false;
    }
    m_db = QSqlDatabase::addDatabase(s_driver, m_connectionName);
    QUrlQuery query(m_url);
    // libpq's host may also be a socket folder: postgresql://user@/db?host=/run/postgresql
    QString host = m_url.host();
    if (query.hasQueryItem(u"host"_s)) {
        host = query.queryItemValue(u"host"_s, QUrl::FullyDecoded);
        query.removeAllQueryItems(u"host"_s);
    }
    m_db.setHostName(host);
    m_db.setPort(m_url.port(5432));
    m_db.setUserName(m_url.userName(QUrl::FullyDecoded));
    m_db.setPassword(m_url.password(QUrl::FullyDecoded));
    m_db.setDatabaseName(database);
    if (!query.hasQueryItem(u"connect_timeout"_s))
        query.addQueryItem(u"connect_timeout"_s, u"10"_s);
    QStringList options;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        options.append(key + u'=' + value);
    m_db.setConnectOptions(options.join(u';'));
    if (!m_db.open()) {
        setError(u"Cannot open message database %1"_s.arg(m_displayName), m_db.lastError());
        close();
        return false;
    }
    QSqlQuery(m_sql.query(u"set_session"_s), m_db).finish();
    bool ready = false;
    {
        PostgresSchema schema(m_db, m_displayName);
        ready = schema.upgrade();
        if (!ready)
            m_errorString = schema.errorString();
    }
    if (!ready) {
        close();
        return false;
    }
    m_statements.reserve(s_statementNames.size());
    for (const QLatin1StringView name : s_statementNames) {
        QSqlQuery statement(m_db);
        statement.setForwardOnly(true);
        // QPSQL prepares with PREPARE, which does not take BEGIN/COMMIT/ROLLBACK: run those as text.
        if (isTransactionControl(Statement(m_statements.size()))) {
            m_transactionSql[m_statements.size()] = m_sql.query(name);
            m_statements.push_back(std::move(statement));
            continue;
        }
        if (!statement.prepare(m_sql.query(name))) {
            setError(u"Cannot prepare statement %1"_s.arg(name), statement.lastError());
            close();
            return false;
        }
        m_statements.push_back(std::move(statement));
    }
    return true;
}

bool PostgresMessageStore::checkOpen()
{
    if (m_suspect && m_wanted) {
        // A statement failed: if the connection itself is gone (server restart, failover), reopen it.
        m_suspect = false;
        QSqlQuery probe(m_db);
        if (!probe.exec(u"SELECT 1"_s)) {
            qCWarning(lcStorage).noquote() << "reconnecting to message database" << m_displayName;
            connectAndPrepare();
        }
    }
    if (isOpen())
        return true;
    if (m_wanted && connectAndPrepare())
        return true;
    if (m_errorString.isEmpty())
        m_errorString = u"The message database is not open"_s;
    return false;
}

void PostgresMessageStore::setError(const QString &context, const QSqlError &error)
{
    const QString reason = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    m_errorString = u"%1: %2"_s.arg(context, reason.trimmed());
    m_suspect = true;
    qCWarning(lcStorage).noquote() << m_errorString;
}

bool PostgresMessageStore::isTransactionControl(Statement which)
{
    return which == Statement::BeginWrite || which == Statement::Commit || which == Statement::Rollback;
}

bool PostgresMessageStore::run(Statement which, const QString &what)
{
    if (!isTransactionControl(which))
        return execute(statement(which), what);
    QSqlQuery &query = statement(which);
    if (query.exec(m_transactionSql[std::size_t(which)]))
        return true;
    setError(what, query.lastError());
    return false;
}

bool PostgresMessageStore::execute(QSqlQuery &query, const QString &what)
{
    if (query.exec())
        return true;
    setError(what, query.lastError());
    return false;
}

void PostgresMessageStore::rollback()
{
    for (QSqlQuery &query : m_statements)
        query.finish();
    QSqlQuery &query = statement(Statement::Rollback);
    if (!query.exec(m_transactionSql[std::size_t(Statement::Rollback)]))
        qCDebug(lcStorage) << "rollback:" << query.lastError().text();
}

std::optional<MessageStore::AppendResult> PostgresMessageStore::append(const ChatMessage &message)
{
    if (!checkOpen())
        return std::nullopt;
    if (message.room.isEmpty()) {
        m_errorString = u"Cannot store a message without a room"_s;
        return std::nullopt;
    }
    const qint64 time = now();
    if (!run(Statement::BeginWrite, u"Cannot start a write to the message database"_s))
        return std::nullopt;

    // The room's row lock first: it serialises this room's appends of every daemon until COMMIT.
    QSqlQuery &bump = statement(Statement::BumpRoom);
    bump.bindValue(u":room"_s, message.room);
    bump.bindValue(u":time"_s, time);
    if (!execute(bump, u"Cannot store message"_s) || !bump.next()) {
        if (!bump.lastError().isValid())
            m_errorString = u"Cannot reserve a message id"_s;
        rollback();
        return std::nullopt;
    }
    AppendResult result{message, false};
    result.message.id = bump.value(0).toLongLong();
    result.message.time = QDateTime::fromMSecsSinceEpoch(time, Qt::UTC);
    bump.finish();

    // Under the lock, so two daemons cannot both miss the same client_id.
    if (!message.clientId.isEmpty()) {
        QSqlQuery &query = statement(Statement::SelectMessageByClientId);
        query.bindValue(u":room"_s, message.room);
        query.bindValue(u":client_id"_s, message.clientId);
        if (!execute(query, u"Cannot look up a client_id"_s)) {
            rollback();
            return std::nullopt;
        }
        if (query.next()) {
            AppendResult duplicate{readMessage(query, message.room), true};
            rollback(); // gives the reserved id back: ids stay dense
            return duplicate;
        }
        query.finish();
    }

    QSqlQuery &insert = statement(Statement::InsertMessage);
    insert.bindValue(u":room"_s, message.room);
    insert.bindValue(u":id"_s, result.message.id);
    insert.bindValue(u":time"_s, time);
    insert.bindValue(u":user"_s, notNull(message.user));
    insert.bindValue(u":text"_s, notNull(message.text));
    insert.bindValue(u":client_id"_s, message.clientId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(message.clientId));
    insert.bindValue(u":verified"_s, message.verified);
    if (!execute(insert, u"Cannot store message"_s)) {
        rollback();
        return std::nullopt;
    }
    insert.finish();
    if (!run(Statement::Commit, u"Cannot commit to the message database"_s)) {
        rollback();
        return std::nullopt;
    }
    return result;
}

QList<ChatMessage> PostgresMessageStore::readMessages(QSqlQuery &query, const QString &room, bool newestFirst)
{
    QList<ChatMessage> messages;
    if (!execute(query, u"Cannot read messages of room %1"_s.arg(room)))
        return messages;
    while (query.next())
        messages.append(readMessage(query, room));
    query.finish();
    if (newestFirst)
        std::reverse(messages.begin(), messages.end());
    return messages;
}

QList<ChatMessage> PostgresMessageStore::latest(const QString &room, int limit)
{
    if (limit <= 0 || !checkOpen())
        return {};
    QSqlQuery &query = statement(Statement::SelectLatestMessages);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":limit"_s, clampLimit(limit));
    return readMessages(query, room, true);
}

QList<ChatMessage> PostgresMessageStore::before(const QString &room, qint64 beforeId, int limit)
{
    if (limit <= 0 || !checkOpen())
        return {};
    QSqlQuery &query = statement(Statement::SelectMessagesBefore);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":id"_s, beforeId);
    query.bindValue(u":limit"_s, clampLimit(limit));
    return readMessages(query, room, true);
}

QList<ChatMessage> PostgresMessageStore::after(const QString &room, qint64 afterId, int limit)
{
    if (limit <= 0 || !checkOpen())
        return {};
    QSqlQuery &query = statement(Statement::SelectMessagesAfter);
    query.bindValue(u":room"_s, room);
    query.bindValue(u":id"_s, afterId);
    query.bindValue(u":limit"_s, clampLimit(limit));
    return readMessages(query, room, false);
}

qint64 PostgresMessageStore::readId(QSqlQuery &query, const QString &what)
{
    if (!execute(query, what))
        return 0;
    const qint64 id = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return id;
}

qint64 PostgresMessageStore::firstId(const QString &room)
{
    if (!checkOpen())
        return 0;
    QSqlQuery &query = statement(Statement::SelectFirstId);
    query.bindValue(u":room"_s, room);
    return readId(query, u"Cannot read the first id of room %1"_s.arg(room));
}

qint64 PostgresMessageStore::lastId(const QString &room)
{
    if (!checkOpen())
        return 0;
    QSqlQuery &query = statement(Statement::SelectLastId);
    query.bindValue(u":room"_s, room);
    return readId(query, u"Cannot read the last id of room %1"_s.arg(room));
}

QList<RoomStats> PostgresMessageStore::rooms()
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

std::optional<RoomStats> PostgresMessageStore::roomStats(const QString &room)
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

int PostgresMessageStore::enforceRetention(const RetentionPolicy &policy, int batchLimit)
{
    if (!checkOpen())
        return -1;
    if (policy.isUnlimited() || batchLimit <= 0)
        return 0;
    if (!run(Statement::BeginWrite, u"Cannot apply retention"_s))
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
    if (!run(Statement::Commit, u"Cannot apply retention"_s)) {
        rollback();
        return -1;
    }
    return deleted;
}

int PostgresMessageStore::deleteOverCount(qint64 maxMessagesPerRoom, int budget)
{
    QSqlQuery &rooms = statement(Statement::SelectRoomsOverCount);
    rooms.bindValue(u":max"_s, maxMessagesPerRoom);
    rooms.bindValue(u":limit"_s, budget);
    if (!execute(rooms, u"Cannot apply retention"_s))
        return -1;
    QList<std::pair<QString, qint64>> excess;
    while (rooms.next())
        excess.append({rooms.value(0).toString(), rooms.value(1).toLongLong() - maxMessagesPerRoom});
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

int PostgresMessageStore::deleteOlderThan(int maxAgeDays, int budget)
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
