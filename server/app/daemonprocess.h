// SPDX-License-Identifier: MIT
#pragma once

namespace Kaiwa::Server {

/// What the daemon's process needs before its QCoreApplication exists.
class DaemonProcess
{
public:
    /**
     * Chooses the event dispatcher (epoll on Linux unless KAIWA_EVENT_DISPATCHER=qt, else Qt's own
     * UNIX dispatcher rather than glib's) and the log line format (syslog priorities under systemd), and sizes
     * the process's descriptor table (see reserveDescriptorTable()). Call first thing in main(), before the
     * application object is made and before any thread starts.
     */
    static void prepare();

    /// Descriptor slots prepare() makes the kernel allocate up front (fewer when the process may open fewer).
    static constexpr int ReservedDescriptors = 65536;
};

} // namespace Kaiwa::Server
