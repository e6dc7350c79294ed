// SPDX-License-Identifier: MIT
#include "sqliteschema.h"

#include "sqlsearchindex.h"
#include "storagelogging.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

SqliteSchema::SqliteSchema(const QSqlDatabase &db, const QString &name, int busyTimeoutMs)
    : m_db(db)
    , m_name(name)
    , m_busyTimeoutMs(busyTimeoutMs)
    , m_sql(u"sqlite"_s)
{
}

int SqliteSchema::latestVersion()
{
    return SqlResource(u"sqlite"_s).latestSchemaVersion();
}

bool SqliteSchema::configure()
{
    QSqlQuery query(m_db);
    const auto pragma = [&](const QString &sql, const QString &what) {
        if (query.exec(sql))
            return true;
        setError(what.arg(m_name), query.lastError());
        return false;
    };

    // Set before anything touches the file: another daemon may hold a lock on it.
    if (!pragma(u"PRAGMA busy_timeout = %1"_s.arg(m_busyTimeoutMs), u"Cannot configure message database %1"_s))
        return false;

    // SQLite opens files lazily: garbage only shows up when a page is read. Reading the schema
    // catches a file that is not a database at all; PRAGMA quick_check would catch more, but
    // reads the whole file, which a daemon should not do on every start.
    if (!query.exec(u"SELECT count(*) FROM sqlite_schema"_s)) {
        // Primary result codes SQLITE_CORRUPT (11) and SQLITE_NOTADB (26) deserve a hint; others
        // (e.g. a read-only WAL database without its -shm file) do not.
        const int code = query.lastError().nativeErrorCode().toInt() & 0xff;
        const QString hint = code == 11 || code == 26 ? u" (corrupt, or not an SQLite database?)"_s : QString();
        setError(u"Cannot read message database %1%2"_s.arg(m_name, hint), query.lastError());
        return false;
    }

    // New files get 1 KiB pages instead of 4 KiB: an append dirties about five pages (the message,
    // its indexes, the room), and each commit writes its dirty pages to the WAL whole, so the
    // smaller page cuts the bytes written per message by four. Chat messages are short; a long one
    // takes overflow pages. Only an empty file takes the setting; existing files keep theirs.
    if (!pragma(u"PRAGMA page_size = 1024"_s, u"Cannot configure message database %1"_s))
        return false;

    // WAL lets readers run while a write is in progress. With synchronous=NORMAL a commit does not
    // wait for fsync (the WAL is synced at checkpoints only), yet the commit is in the OS's hands
    // once it returns: a process crash, even kill -9, never loses a committed transaction; only
    // an OS crash or power loss may roll back the latest commits (never corrupting the file).
    if (!pragma(u"PRAGMA journal_mode = WAL"_s, u"Cannot switch message database %1 to WAL mode"_s))
        return false;
    const QString mode = query.next() ? query.value(0).toString().toLower() : QString();
    // In-memory databases keep the "memory" journal; a file that stays in another mode
    // (read-only file, file system without shared memory) is refused.
    if (mode != "wal"_L1 && mode != "memory"_L1) {
        setError(u"Cannot switch message database %1 to WAL mode (journal mode is '%2'); is it read-only?"_s.arg(m_name,
                                                                                                                 mode));
        return false;
    }
    m_wal = mode == "wal"_L1;
    return pragma(u"PRAGMA synchronous = NORMAL"_s, u"Cannot configure message database %1"_s)
           && pragma(u"PRAGMA foreign_keys = ON"_s, u"Cannot configure message database %1"_s)
           // Statement journals (every append runs a trigger) and temporary tables in memory: with
           // Debian's default they are files, written on every message.
           && pragma(u"PRAGMA temp_store = MEMORY"_s, u"Cannot configure message database %1"_s)
           // A deleted message's text must be gone from the file, not left in a page's free space.
           && pragma(u"PRAGMA secure_delete = ON"_s, u"Cannot configure message database %1"_s);
}

bool SqliteSchema::upgrade()
{
    QSqlQuery query(m_db);
    if (!query.exec(m_sql.query(u"begin_write"_s))) {
        setError(u"Cannot write to message database %1"_s.arg(m_name), query.lastError());
        return false;
    }
    const auto fail = [&](const QString &context, const QSqlError &error) {
        setError(context, error);
        query.finish();
        query.exec(m_sql.query(u"rollback"_s));
        return false;
    };

    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return fail(u"Cannot read the schema version of message database %1"_s.arg(m_name), query.lastError());
    const int current = query.value(0).toInt();
    query.finish();
    const int latest = latestVersion();
    if (current > latest) {
        setError(u"Message database %1 has schema version %2, newer than this Kaiwa supports (%3); "
                 "use a newer Kaiwa or another database"_s.arg(m_name)
                     .arg(current)
                     .arg(latest));
        query.exec(m_sql.query(u"rollback"_s));
        return false;
    }

    for (int version = current + 1; version <= latest; ++version) {
        qCInfo(lcStorage).noquote() << "upgrading message database" << m_name << "to schema version" << version;
        const QStringList steps = m_sql.upgradeSteps(version);
        for (qsizetype i = 0; i < steps.size(); ++i) {
            if (!query.exec(steps.at(i)))
                return fail(
                    u"Cannot upgrade message database %1 to schema version %2 (step %3)"_s.arg(m_name).arg(version).arg(
                        i + 1),
                    query.lastError());
        }
        // The version that creates the search index fills it with the history stored before: the tokens come from
        // SearchText, in C++, so this step is no SQL file.
        QString indexError;
        if (version == SqlSearchIndex::indexVersion(m_sql.backend())
            && !SqlSearchIndex::indexExisting(m_db, m_sql.backend(), &indexError))
            return fail(
                u"Cannot upgrade message database %1 to schema version %2 (search index)"_s.arg(m_name).arg(version),
                QSqlError(indexError));
    }
    // Written even when unchanged: SQLite silently opens a file it may not write (read-only file or
    // folder, mode=ro) read-only, and BEGIN IMMEDIATE succeeds there. Writing page 1 makes such a
    // database fail here rather than at the first append. PRAGMA takes no bound parameters; the
    // value is our own integer.
    if (!query.exec(u"PRAGMA user_version = %1"_s.arg(latest)))
        return fail(u"Cannot write to message database %1"_s.arg(m_name), query.lastError());

    if (!query.exec(m_sql.query(u"commit"_s)))
        return fail(u"Cannot write to message database %1"_s.arg(m_name), query.lastError());
    return true;
}

void SqliteSchema::setError(const QString &context, const QSqlError &error)
{
    const QString reason = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    setError(u"%1: %2"_s.arg(context, reason));
}

void SqliteSchema::setError(const QString &message)
{
    m_errorString = message;
    qCWarning(lcStorage).noquote() << m_errorString;
}

} // namespace Kaiwa::Server
