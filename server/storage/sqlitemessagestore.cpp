// SPDX-License-Identifier: MIT
#include "sqlitemessagestore.h"

#include "sqlitecheckpointer.h"
#include "sqlitefilelock.h"
#include "sqliteschema.h"
#include "storagelogging.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

const QString s_driver = u"QSQLITE"_s;
const QString s_memory = u":memory:"_s;

} // namespace

SqliteMessageStore::SqliteMessageStore(const QString &databasePath, const QString &connectionName)
    : SqlMessageStore(u"sqlite"_s, connectionName)
    , m_databasePath(databasePath)
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

QString SqliteMessageStore::specUsage()
{
    return u"a file path, :memory:"_s;
}

std::unique_ptr<MessageStore> SqliteMessageStore::create(const QString &spec, const QString &connectionName,
                                                         QString *error)
{
    if (!isAvailable()) {
        if (error)
            *error = u"The Qt SQLite driver (QSQLITE) is not available"_s;
        return nullptr;
    }
    return std::make_unique<SqliteMessageStore>(spec, connectionName);
}

int SqliteMessageStore::schemaVersion()
{
    return SqliteSchema::latestVersion();
}

QString SqliteMessageStore::backendId() const
{
    return u"sqlite"_s;
}

void SqliteMessageStore::close()
{
    m_checkpointer.reset();
    // Queries first: removeDatabase() warns about (and leaks) a connection still in use.
    m_statements.clear();
    // Lets SQLite refresh its planner statistics where they are stale; cheap otherwise.
    if (m_db.isOpen())
        QSqlQuery(u"PRAGMA optimize"_s, m_db).finish();
    closeConnection();
    m_databaseFile.clear();
    m_identity.clear();
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
    bool wal = false;
    {
        // Scoped: the schema holds a handle on the connection, which close() removes.
        SqliteSchema schema(m_db, m_databasePath, BusyTimeoutMs);
        ready = schema.configure() && schema.upgrade();
        wal = schema.isWal();
        if (!ready)
            m_errorString = schema.errorString();
    }
    if (!ready || !prepareStatements() || !readIdentity()) {
        close();
        return false;
    }
    if (wal) // in memory there is nothing to checkpoint
        startCheckpointer();
    qCInfo(lcStorage).noquote() << "opened message database" << m_databasePath << "schema version" << schemaVersion();
    return true;
}

bool SqliteMessageStore::readIdentity()
{
    const auto row =
        selectRow(u"select_store_identity"_s, u"Cannot read the identity of message database %1"_s.arg(m_databasePath));
    if (!row)
        return false;
    m_databaseFile = row->value(1).toString();
    if (m_databaseFile.isEmpty())
        return true; // in memory: no other process can open it
    const QString fileId = SqliteFileLock::fileId(m_databaseFile);
    if (fileId.isEmpty()) {
        m_errorString = u"Cannot examine message database file %1"_s.arg(m_databaseFile);
        qCWarning(lcStorage).noquote() << m_errorString;
        return false;
    }
    m_identity = row->value(0).toString() + u"@file:"_s + fileId;
    return true;
}

void SqliteMessageStore::startCheckpointer()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"PRAGMA wal_autocheckpoint = %1"_s.arg(SqliteCheckpointer::BackstopPages))) {
        qCWarning(lcStorage) << "cannot raise wal_autocheckpoint:" << query.lastError().text();
        return;
    }
    m_checkpointer = std::make_unique<SqliteCheckpointer>(m_databasePath, m_db.connectOptions());
}

void SqliteMessageStore::noteCommit()
{
    if (m_checkpointer)
        m_checkpointer->noteCommit();
}

bool SqliteMessageStore::beginWrite()
{
    noteWrite();
    return execute(statement(Statement::BeginWrite), u"Cannot start a write to the message database"_s);
}

bool SqliteMessageStore::commitWrite()
{
    if (execute(statement(Statement::Commit), u"Cannot commit to the message database"_s)) {
        noteCommit();
        return true;
    }
    rollbackWrite();
    return false;
}

void SqliteMessageStore::rollbackWrite()
{
    // Reset every statement first: ROLLBACK fails while one is still stepping.
    for (QSqlQuery &query : m_statements)
        query.finish();
    QSqlQuery &query = statement(Statement::Rollback);
    // Fails harmlessly when SQLite already rolled back by itself (e.g. after SQLITE_FULL).
    if (!query.exec())
        qCDebug(lcStorage) << "rollback:" << query.lastError().text();
}

bool SqliteMessageStore::usesStatement(Statement which) const
{
    return which != Statement::BumpRoom && which != Statement::ReleaseId && which != Statement::AppendMessages;
}

std::optional<qint64> SqliteMessageStore::reserveId(const Row &row)
{
    Q_UNUSED(row)
    return 0; // insert_message takes the next id itself, under the write lock BEGIN IMMEDIATE took
}

bool SqliteMessageStore::releaseId(const Row &row, qint64 reservedId)
{
    Q_UNUSED(row)
    Q_UNUSED(reservedId)
    return true; // nothing was reserved: the id is taken by the insert itself
}

std::optional<qint64> SqliteMessageStore::insertRow(const Row &row, qint64 reservedId)
{
    Q_UNUSED(reservedId)
    QSqlQuery &insert = statement(Statement::InsertMessage);
    bindRow(insert, row);
    insert.bindValue(u":id_room"_s, row.room);
    if (!execute(insert, u"Cannot store message"_s)) {
        insert.finish();
        return std::nullopt;
    }
    std::optional<qint64> id;
    if (insert.next())
        id = insert.value(0).toLongLong();
    else
        setError(u"Cannot store message"_s, insert.lastError());
    insert.finish();
    return id;
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
            rollbackWrite();
            return -1;
        }
        deleted += count;
    }
    if (policy.maxAgeDays > 0 && deleted < batchLimit) {
        const int count = deleteOlderThan(policy.maxAgeDays, batchLimit - deleted);
        if (count < 0) {
            rollbackWrite();
            return -1;
        }
        deleted += count;
    }
    if (!commitWrite())
        return -1;
    if (deleted > 0)
        qCDebug(lcStorage) << "retention deleted" << deleted << "messages";
    return deleted;
}

} // namespace Kaiwa::Server
