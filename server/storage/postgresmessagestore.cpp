// SPDX-License-Identifier: MIT
#include "postgresmessagestore.h"

#include "postgresschema.h"
#include "sqlreadmarkerstore.h"
#include "sqlsearchindex.h"
#include "storagelogging.h"

#include "common/mentions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QUrlQuery>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

const QString s_driver = u"QPSQL"_s;

} // namespace

PostgresMessageStore::PostgresMessageStore(const QUrl &url, const QString &connectionName)
    : SqlMessageStore(u"postgresql"_s, connectionName)
    , m_url(url)
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

QStringList PostgresMessageStore::urlSchemes()
{
    return {u"postgresql"_s, u"postgres"_s};
}

QString PostgresMessageStore::specUsage()
{
    return u"postgresql://"_s;
}

std::unique_ptr<MessageStore> PostgresMessageStore::create(const QString &spec, const QString &connectionName,
                                                           QString *error)
{
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return nullptr;
    };
    const QUrl url(spec, QUrl::StrictMode);
    if (!url.isValid() || url.path().size() < 2)
        return fail(u"Invalid PostgreSQL URL (expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DB)"_s);
    if (!isAvailable())
        return fail(u"The Qt PostgreSQL driver (QPSQL) is not available; install libqt6sql6-psql"_s);
    return std::make_unique<PostgresMessageStore>(url, connectionName);
}

int PostgresMessageStore::schemaVersion()
{
    return PostgresSchema::latestVersion();
}

QString PostgresMessageStore::backendId() const
{
    return u"postgresql"_s;
}

void PostgresMessageStore::close()
{
    closeConnection();
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
    if (!ready || !prepareStatements() || !readIdentity()) {
        close();
        return false;
    }
    if (m_claim) {
        // Reconnected: the session that held the claim is gone. Another daemon may have taken the database meanwhile
        // (its rooms and this daemon's would split), or the old session has not ended yet on the server.
        if (takeClaim() != ClaimResult::Held) {
            if (m_errorString != m_claimError) { // every later call tries again: say it once
                m_claimError = m_errorString;
                qCCritical(lcStorage).noquote() << m_errorString;
            }
            close();
            return false;
        }
        m_claimError.clear();
    }
    return true;
}

MessageStore::ClaimResult PostgresMessageStore::claim(Claim claim)
{
    m_claim = claim;
    return takeClaim();
}

MessageStore::ClaimResult PostgresMessageStore::takeClaim()
{
    const bool exclusive = m_claim == Claim::Exclusive;
    const auto row = selectRow(exclusive ? u"claim_exclusive"_s : u"claim_shared"_s,
                               u"Cannot claim message database %1"_s.arg(m_displayName));
    if (!row)
        return ClaimResult::Failed;
    if (row->value(0).toBool())
        return ClaimResult::Held;
    m_errorString = u"another kaiwa-server holds %1 in a way this daemon's claim cannot share (one without --redis is "
                    "alone on its database): every write fails until it is released"_s.arg(m_displayName);
    return ClaimResult::Busy;
}

bool PostgresMessageStore::readIdentity()
{
    const auto row =
        selectRow(u"select_store_identity"_s, u"Cannot read the identity of message database %1"_s.arg(m_displayName));
    if (!row)
        return false;
    const QString identity = row->value(0).toString();
    if (!m_identity.isEmpty() && identity != m_identity) {
        // Reconnected, but the URL leads elsewhere now (a restored backup, another server): its ids
        // are not the ones this daemon and the others on its Redis have seen.
        const QString error = u"The message database at %1 is not the one this daemon opened (identity %2, was %3): "
                              "restart the daemon"_s.arg(m_displayName, identity, m_identity);
        if (error != m_errorString) // every later call tries again: say it once
            qCCritical(lcStorage).noquote() << error;
        m_errorString = error;
        return false;
    }
    m_identity = identity;
    return true;
}

bool PostgresMessageStore::prepareStatement(Statement which, QSqlQuery &query, const QString &sql)
{
    // QPSQL prepares with PREPARE, which does not take BEGIN/COMMIT/ROLLBACK: run those as text.
    if (isTransactionControl(which)) {
        m_transactionSql[std::size_t(which)] = sql;
        return true;
    }
    return SqlMessageStore::prepareStatement(which, query, sql);
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
    m_errorString = u"%1: %2"_s.arg(context, errorReason(error).trimmed());
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

bool PostgresMessageStore::beginWrite()
{
    noteWrite();
    return run(Statement::BeginWrite, u"Cannot start a write to the message database"_s);
}

bool PostgresMessageStore::commitWrite()
{
    if (run(Statement::Commit, u"Cannot commit to the message database"_s))
        return true;
    rollbackWrite();
    return false;
}

void PostgresMessageStore::rollbackWrite()
{
    for (QSqlQuery &query : m_statements)
        query.finish();
    QSqlQuery &query = statement(Statement::Rollback);
    if (!query.exec(m_transactionSql[std::size_t(Statement::Rollback)]))
        qCDebug(lcStorage) << "rollback:" << query.lastError().text();
}

std::optional<qint64> PostgresMessageStore::reserveId(const Row &row)
{
    // The room's row lock first: it serialises this room's writes of every daemon until COMMIT.
    QSqlQuery &bump = statement(Statement::BumpRoom);
    bump.bindValue(u":room"_s, row.room);
    bump.bindValue(u":count"_s, row.kind == MessageKind ? 1 : 0); // messages count, the events about them do not
    bump.bindValue(u":time"_s, row.time);
    if (!execute(bump, u"Cannot store message"_s) || !bump.next()) {
        if (!bump.lastError().isValid())
            m_errorString = u"Cannot reserve a message id"_s;
        return std::nullopt;
    }
    const qint64 id = bump.value(0).toLongLong();
    bump.finish();
    return id;
}

bool PostgresMessageStore::releaseId(const Row &row, qint64 reservedId)
{
    // The room's row lock is still held: no other id of the room was reserved after this one.
    QSqlQuery &release = statement(Statement::ReleaseId);
    release.bindValue(u":room"_s, row.room);
    release.bindValue(u":id"_s, reservedId);
    release.bindValue(u":count"_s, row.kind == MessageKind ? 1 : 0);
    const bool ok = execute(release, u"Cannot give back a message id"_s);
    release.finish();
    return ok;
}

std::optional<qint64> PostgresMessageStore::insertRow(const Row &row, qint64 reservedId)
{
    QSqlQuery &insert = statement(Statement::InsertMessage);
    bindRow(insert, row);
    insert.bindValue(u":id"_s, reservedId);
    if (!execute(insert, u"Cannot store message"_s))
        return std::nullopt;
    insert.finish();
    return reservedId;
}

std::optional<QList<MessageStore::AppendResult>> PostgresMessageStore::appendAll(const QList<PendingAppend> &batch)
{
    const bool plain = std::none_of(batch.begin(), batch.end(), [](const PendingAppend &pending) {
        return pending.message.replyTo.has_value() || pending.message.room.isEmpty();
    });
    if (!plain || batch.isEmpty())
        return SqlMessageStore::appendAll(batch); // a reply's quote is read under the lock, a statement at a time
    if (!checkOpen())
        return std::nullopt;

    QList<AppendResult> results;
    results.reserve(batch.size());
    QJsonArray rows;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const ChatMessage &message = batch.at(i).message;
        const QString &author = batch.at(i).author;
        AppendResult result{message, false};
        result.message.time = QDateTime::fromMSecsSinceEpoch(now(), Qt::UTC);
        result.message.mentions = Mentions::extract(message.text);
        const QVariant mentions = SqlReadMarkerStore::mentionsColumn(result.message.mentions);
        rows.append(QJsonObject{
            {u"ord"_s, i},
            {u"room"_s, message.room},
            {u"time"_s, result.message.time.toMSecsSinceEpoch()},
            {u"user"_s, notNull(message.user)},
            {u"text"_s, notNull(message.text)},
            {u"client_id"_s, message.clientId.isEmpty() ? QJsonValue() : QJsonValue(message.clientId)},
            {u"verified"_s, message.verified},
            {u"author"_s, author.isEmpty() ? QJsonValue() : QJsonValue(author)},
            {u"mentions"_s, mentions.isNull() ? QJsonValue() : QJsonValue(mentions.toString())},
            {u"body"_s, m_search->indexValue(message.room, message.text)},
        });
        results.append(std::move(result));
    }
    QSqlQuery &append = statement(Statement::AppendMessages);
    append.bindValue(u":batch"_s, QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact)));
    if (!execute(append, u"Cannot store %1 messages"_s.arg(batch.size())))
        return std::nullopt;
    QList<qsizetype> duplicates;
    while (append.next()) {
        const qsizetype index = append.value(0).toInt();
        results[index].message.id = append.value(1).toLongLong();
        if (append.value(2).toBool())
            duplicates.append(index);
    }
    append.finish();
    // What a retry gets back is the original as stored (committed already: read after the statement).
    for (const qsizetype index : duplicates) {
        const Lookup original = eventById(results[index].message.room, results[index].message.id);
        if (!original.ok)
            return std::nullopt;
        if (!original.event) {
            m_errorString = u"Cannot read back message %1"_s.arg(results[index].message.id);
            return std::nullopt;
        }
        results[index] = AppendResult{messageOf(*original.event), true};
    }
    return results;
}

int PostgresMessageStore::enforceRetention(const RetentionPolicy &policy, int batchLimit)
{
    if (!checkOpen())
        return -1;
    if (policy.isUnlimited() || batchLimit <= 0)
        return 0;
    noteWrite();
    if (!run(Statement::BeginWrite, u"Cannot apply retention"_s))
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
    if (!run(Statement::Commit, u"Cannot apply retention"_s)) {
        rollbackWrite();
        return -1;
    }
    return deleted;
}

} // namespace Kaiwa::Server
