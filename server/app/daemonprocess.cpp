// SPDX-License-Identifier: MIT
#include "daemonprocess.h"

#ifdef KAIWA_HAVE_EPOLL_DISPATCHER
#include "transport/epolleventdispatcher.h"
#endif

#include <QCoreApplication>

#ifdef Q_OS_UNIX
#include <algorithm>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace Kaiwa::Server {

namespace {

/**
 * Makes the kernel size the descriptor table for up to DaemonProcess::ReservedDescriptors now. Linux doubles the
 * table as descriptors are opened, and in a process with threads (SQLite's checkpointer, the append worker) each
 * doubling waits for an RCU grace period: in a burst of 5,000 connections the accept loop slept five times about
 * 16 ms (256, 512 ... 4,096 descriptors), the kernel's accept queue overflowed meanwhile, and the handshakes it
 * dropped were repeated by their clients a second later (docs/performance.md, "The burst"). Done before any thread
 * exists, the one expansion waits for nothing. The table does not shrink: about 8 bytes of kernel memory a slot.
 */
void reserveDescriptorTable()
{
#ifdef Q_OS_UNIX
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur < 2)
        return;
    const rlim_t highest = std::min<rlim_t>(limit.rlim_cur, DaemonProcess::ReservedDescriptors) - 1;
    const int placeholder = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (placeholder < 0)
        return;
    const int high = ::fcntl(placeholder, F_DUPFD_CLOEXEC, int(highest));
    if (high >= 0)
        ::close(high);
    ::close(placeholder);
#endif
}

} // namespace

void DaemonProcess::prepare()
{
    reserveDescriptorTable();
    // A daemon has no use for glib's main loop; Qt's own UNIX dispatcher halves the cost per
    // delivered message (docs/performance.md). It must be chosen before the application exists.
    qputenv("QT_NO_GLIB", "1");
#ifdef KAIWA_HAVE_EPOLL_DISPATCHER
    // On Linux, better still: an epoll dispatcher, whose wake-ups cost per ready socket rather than
    // per open socket. KAIWA_EVENT_DISPATCHER=qt keeps Qt's (for comparison, or if in doubt).
    if (qgetenv("KAIWA_EVENT_DISPATCHER") != "qt")
        QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
#endif
    // Under systemd (stderr connected to the journal) the journal stamps each line itself; a
    // "<N>" prefix gives it the syslog priority, so `journalctl -p warning` works.
    if (qEnvironmentVariableIsSet("JOURNAL_STREAM")) {
        qSetMessagePattern(QStringLiteral("%{if-debug}<7>%{endif}%{if-info}<6>%{endif}%{if-warning}<4>%{endif}"
                                          "%{if-critical}<3>%{endif}%{if-fatal}<2>%{endif}"
                                          "%{if-category}%{category} %{endif}%{type}: %{message}"));
    } else {
        qSetMessagePattern(
            QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-category}%{category} %{endif}%{type}: %{message}"));
    }
}

} // namespace Kaiwa::Server
