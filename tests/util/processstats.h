// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace KaiwaTest {

/**
 * What Linux's /proc says about another process: resident memory and open files, for the
 * "memory and file descriptors return to their baseline" checks of the hostile and soak tests.
 * Every function returns -1 when the process or /proc is not there.
 */
namespace ProcessStats {

/// VmRSS of the process, in KiB.
qint64 rssKiB(qint64 pid);
/// Entries of /proc/PID/fd: sockets, files, pipes, eventfds.
int openFiles(qint64 pid);

/**
 * Whether the test binary (and so, in the same build, the daemon) runs under AddressSanitizer,
 * whose quarantine keeps freed memory resident: memory checks then allow more.
 */
bool underAddressSanitizer();

/// Raises this process's RLIMIT_NOFILE soft limit to the hard limit; returns the new soft limit.
qint64 raiseFileLimit();

} // namespace ProcessStats

} // namespace KaiwaTest
