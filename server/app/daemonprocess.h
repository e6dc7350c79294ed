// SPDX-License-Identifier: MIT
#pragma once

namespace Kaiwa::Server {

/// What the daemon's process needs before its QCoreApplication exists.
class DaemonProcess
{
public:
    /**
     * Chooses the event dispatcher (epoll on Linux unless KAIWA_EVENT_DISPATCHER=qt, else Qt's own
     * UNIX dispatcher rather than glib's) and the log line format (syslog priorities under systemd).
     * Call first thing in main(), before the application object is made.
     */
    static void prepare();
};

} // namespace Kaiwa::Server
