// SPDX-License-Identifier: MIT
// The POSIX implementation of SignalWatcher: the platform file that may call POSIX directly.
#include "signalwatcher.h"

#include "applogging.h"

#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Kaiwa::Server {

namespace {
// The self-pipe trick: a signal handler may only write(); the event loop reads the other end.
int s_pipe[2] = {-1, -1};

extern "C" void onSignal(int number)
{
    const char byte = char(number);
    [[maybe_unused]] const auto written = ::write(s_pipe[1], &byte, 1);
}
} // namespace

struct SignalWatcher::Private {
    std::unique_ptr<QSocketNotifier> notifier;
};

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_pipe) != 0) {
        qCWarning(lcApp) << "cannot watch signals: socketpair failed";
        return;
    }
    ::fcntl(s_pipe[0], F_SETFD, FD_CLOEXEC);
    ::fcntl(s_pipe[1], F_SETFD, FD_CLOEXEC);
    ::fcntl(s_pipe[1], F_SETFL, O_NONBLOCK);
    d->notifier = std::make_unique<QSocketNotifier>(s_pipe[0], QSocketNotifier::Read);
    connect(d->notifier.get(), &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        if (::read(s_pipe[0], &byte, 1) != 1)
            return;
        if (int(byte) == SIGHUP)
            Q_EMIT reloadRequested();
        else
            Q_EMIT terminationRequested(int(byte));
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGHUP, &action, nullptr);
    // A client that vanishes mid-write must not kill the daemon.
    ::signal(SIGPIPE, SIG_IGN);
    // Nor may a file size limit (RLIMIT_FSIZE: `ulimit -f`, systemd's LimitFSIZE=) reached while the
    // history is written: the write fails with EFBIG instead, SQLite reports it, and the message is
    // refused with store_failed (tests/faults).
    ::signal(SIGXFSZ, SIG_IGN);
}

SignalWatcher::~SignalWatcher()
{
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGHUP, SIG_DFL);
    d->notifier.reset();
    ::close(s_pipe[0]);
    ::close(s_pipe[1]);
    s_pipe[0] = s_pipe[1] = -1;
}

} // namespace Kaiwa::Server
