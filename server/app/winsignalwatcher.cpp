// SPDX-License-Identifier: MIT
// The Windows implementation of SignalWatcher: the platform file that may call Win32 directly.
// Written and reviewed on Linux, not compiled here (docs/packaging.md says what was verified where).
#include "signalwatcher.h"

#include "applogging.h"

#include <QMetaObject>

#include <atomic>
#include <csignal>

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

namespace Kaiwa::Server {

namespace {
// The console control handler runs on a thread the system creates for it: it only posts to the
// watcher's thread, the one that runs the event loop.
std::atomic<SignalWatcher *> s_watcher{nullptr};
// Set when the watcher goes away (the daemon is done): lets a close event wait for the shutdown.
HANDLE s_finished = nullptr;

int signalNumberFor(DWORD event)
{
    switch (event) {
    case CTRL_C_EVENT:
        return SIGINT;
    case CTRL_BREAK_EVENT:
        return SIGBREAK;
    default: // CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT
        return SIGTERM;
    }
}

BOOL WINAPI onConsoleEvent(DWORD event)
{
    SignalWatcher *watcher = s_watcher.load();
    if (!watcher)
        return FALSE;
    const int number = signalNumberFor(event);
    QMetaObject::invokeMethod(
        watcher, [watcher, number] { Q_EMIT watcher->terminationRequested(number); }, Qt::QueuedConnection);
    // For a closed console, logoff or shutdown, Windows ends the process as soon as this returns:
    // wait (within the system's ~5 s grace) for the daemon to close its connections with 1001.
    if (event == CTRL_CLOSE_EVENT || event == CTRL_LOGOFF_EVENT || event == CTRL_SHUTDOWN_EVENT)
        WaitForSingleObject(s_finished, 4500);
    return TRUE;
}
} // namespace

struct SignalWatcher::Private {
};

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    s_finished = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    s_watcher.store(this);
    if (!SetConsoleCtrlHandler(onConsoleEvent, TRUE))
        qCWarning(lcApp) << "cannot watch console events: SetConsoleCtrlHandler failed with" << GetLastError();
    // Windows has no SIGHUP: reloadRequested() is never emitted; restart the service to reload.
}

SignalWatcher::~SignalWatcher()
{
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
    s_watcher.store(nullptr);
    if (s_finished) {
        SetEvent(s_finished);
        // Not closed: a handler thread may still be waiting on it while the process ends.
    }
}

} // namespace Kaiwa::Server
