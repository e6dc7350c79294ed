// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

class QProcess;

namespace KaiwaTest {

/**
 * What every fixture that runs a program of its own (kaiwa-server, Daphne, redis-server,
 * PostgreSQL, a D-Bus bus) needs around QProcess, written once.
 */
namespace ChildProcess {

/// A loopback port that was free a moment ago, for programs that cannot report the one they chose.
quint16 freeLoopbackPort();

/**
 * Reads the process's output (both channels when they are merged) until it holds `text`; true then.
 * False when the process ended or `timeoutMs` passed first, with everything it wrote in a warning
 * that names `program`.
 */
bool waitForOutput(QProcess &process, QByteArrayView text, int timeoutMs, const char *program);

/**
 * SIGTERM, then SIGKILL when it has not ended within `graceMs`. Returns the exit code of a process
 * that ended normally (by the SIGTERM, or on its own before), -1 when it had to be killed, crashed or
 * never started.
 */
int stop(QProcess &process, int graceMs = 10000);

} // namespace ChildProcess

} // namespace KaiwaTest
