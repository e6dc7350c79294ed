// SPDX-License-Identifier: MIT
#include "daemonprocess.h"

#ifdef KAIWA_HAVE_EPOLL_DISPATCHER
#include "transport/epolleventdispatcher.h"
#endif

#include <QCoreApplication>

namespace Kaiwa::Server {

void DaemonProcess::prepare()
{
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
