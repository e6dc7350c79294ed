// SPDX-License-Identifier: MIT
#pragma once

#include <QFileInfo>
#include <QString>
#include <QtGlobal>

namespace Kaiwa::Server {

/**
 * Keeps daemons that would split a room's live delivery off one SQLite file.
 *
 * Daemons that share rooms through Redis may share a file: SQLite's write lock keeps the ids of
 * every room dense, and Redis carries each message to every daemon. A daemon without Redis
 * delivers to its own members only, so beside another daemon on its file it would split each room
 * in two without a word: it must be alone on the file. Each daemon takes an advisory lock on a file
 * beside the database (`<database>.kaiwa-lock`, never written): shared with --redis, exclusive
 * without. The system releases it when the process ends, also on kill -9: nothing goes stale.
 *
 * A file of its own rather than the database: SQLite's POSIX locks on the database belong to the
 * process, and any other descriptor of that file closing would drop them. POSIX: flock(2);
 * Windows: LockFileEx. Account commands (`kaiwa-server user ...`) do not take it: they run beside
 * the daemon.
 */
class SqliteFileLock
{
public:
    enum class Mode {
        Shared,
        Exclusive
    };
    enum class Result {
        Locked,
        Busy,
        Failed
    };

    /// @param databaseFile the database file (it exists: SQLite opened it); symbolic links are followed.
    explicit SqliteFileLock(const QString &databaseFile)
        : m_lockFilePath(lockFileOf(QFileInfo(databaseFile)))
    {
    }
    ~SqliteFileLock();
    Q_DISABLE_COPY_MOVE(SqliteFileLock)

    /// Takes the lock without waiting: Busy while another process holds it in a conflicting mode,
    /// Failed (see errorString()) when the lock file cannot be opened.
    Result tryLock(Mode mode);

    QString lockFilePath() const { return m_lockFilePath; }
    QString errorString() const { return m_errorString; }

    /**
     * What identifies a file itself rather than a path to it (device and inode, or volume and file
     * index): the same through every link to the file, different for a copy. Empty when the file
     * cannot be examined.
     */
    static QString fileId(const QString &path);

private:
    static QString lockFileOf(const QFileInfo &database)
    {
        const QString canonical = database.canonicalFilePath(); // empty when there is no such file
        return (canonical.isEmpty() ? database.absoluteFilePath() : canonical) + QStringLiteral(".kaiwa-lock");
    }

    QString m_lockFilePath;
    QString m_errorString;
    qintptr m_handle = -1; ///< A file descriptor (POSIX) or HANDLE (Windows); -1 while none is open.
};

} // namespace Kaiwa::Server
