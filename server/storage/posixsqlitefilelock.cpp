// SPDX-License-Identifier: MIT
// The POSIX implementation of SqliteFileLock: flock(2), which the kernel releases with the process.
#include "sqlitefilelock.h"

#include <QFile>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

SqliteFileLock::~SqliteFileLock()
{
    if (m_handle >= 0)
        ::close(int(m_handle)); // releases the lock
}

SqliteFileLock::Result SqliteFileLock::tryLock(Mode mode)
{
    if (m_handle < 0) {
        // Read access is enough for flock(), so daemons of other users that may read the folder can lock too.
        const int fd = ::open(QFile::encodeName(m_lockFilePath).constData(), O_RDONLY | O_CREAT | O_CLOEXEC, 0666);
        if (fd < 0) {
            m_errorString = u"cannot open %1: %2"_s.arg(m_lockFilePath, QString::fromLocal8Bit(std::strerror(errno)));
            return Result::Failed;
        }
        m_handle = fd;
    }
    const int operation = (mode == Mode::Shared ? LOCK_SH : LOCK_EX) | LOCK_NB;
    int status = 0;
    do {
        status = ::flock(int(m_handle), operation);
    } while (status != 0 && errno == EINTR);
    if (status == 0)
        return Result::Locked;
    if (errno == EWOULDBLOCK)
        return Result::Busy;
    m_errorString = u"cannot lock %1: %2"_s.arg(m_lockFilePath, QString::fromLocal8Bit(std::strerror(errno)));
    return Result::Failed;
}

QString SqliteFileLock::fileId(const QString &path)
{
    struct stat status {
    };
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return {};
    return u"%1:%2"_s.arg(quint64(status.st_dev)).arg(quint64(status.st_ino));
}

} // namespace Kaiwa::Server
