// SPDX-License-Identifier: MIT
// The Windows implementation of SqliteFileLock: LockFileEx, which the system releases with the process.
// Written and reviewed on Linux, not compiled here (docs/packaging.md says what was verified where).
#include "sqlitefilelock.h"

#include <QDir>
#include <QFileInfo>

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

HANDLE openShared(const QString &path, DWORD access, DWORD disposition)
{
    const std::wstring native = QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath()).toStdWString();
    return ::CreateFileW(native.c_str(), access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                         disposition, FILE_ATTRIBUTE_NORMAL, nullptr);
}

QString lastErrorText()
{
    return u"Windows error %1"_s.arg(::GetLastError());
}

} // namespace

SqliteFileLock::~SqliteFileLock()
{
    if (m_handle != -1)
        ::CloseHandle(reinterpret_cast<HANDLE>(m_handle)); // releases the lock
}

SqliteFileLock::Result SqliteFileLock::tryLock(Mode mode)
{
    if (m_handle == -1) {
        const HANDLE handle = openShared(m_lockFilePath, GENERIC_READ, OPEN_ALWAYS);
        if (handle == INVALID_HANDLE_VALUE) {
            m_errorString = u"cannot open %1: %2"_s.arg(m_lockFilePath, lastErrorText());
            return Result::Failed;
        }
        m_handle = reinterpret_cast<qintptr>(handle);
    }
    OVERLAPPED overlapped{};
    const DWORD flags = LOCKFILE_FAIL_IMMEDIATELY | (mode == Mode::Exclusive ? LOCKFILE_EXCLUSIVE_LOCK : 0);
    if (::LockFileEx(reinterpret_cast<HANDLE>(m_handle), flags, 0, 1, 0, &overlapped))
        return Result::Locked;
    if (::GetLastError() == ERROR_LOCK_VIOLATION)
        return Result::Busy;
    m_errorString = u"cannot lock %1: %2"_s.arg(m_lockFilePath, lastErrorText());
    return Result::Failed;
}

QString SqliteFileLock::fileId(const QString &path)
{
    const HANDLE handle = openShared(path, FILE_READ_ATTRIBUTES, OPEN_EXISTING);
    if (handle == INVALID_HANDLE_VALUE)
        return {};
    BY_HANDLE_FILE_INFORMATION information{};
    const bool ok = ::GetFileInformationByHandle(handle, &information);
    ::CloseHandle(handle);
    if (!ok)
        return {};
    const quint64 index = (quint64(information.nFileIndexHigh) << 32) | information.nFileIndexLow;
    return u"%1:%2"_s.arg(information.dwVolumeSerialNumber).arg(index);
}

} // namespace Kaiwa::Server
