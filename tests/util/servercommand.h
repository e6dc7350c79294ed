// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QStringList>

namespace KaiwaTest {

/**
 * One run of kaiwa-server that is not a daemon the test talks to: a `user` command, `--help`, or a
 * start that must be refused. Its input is written to stdin (then closed), and the run is read to
 * its end. For a daemon that serves, see ServerProcess.
 */
struct ServerCommand {
    int exitCode = -1; ///< -1 when it did not start, did not end in time, or crashed.
    QByteArray out;
    QByteArray err;

    /// The last line of stderr: where the daemon puts the one line that says why it refused to start.
    QByteArray lastErrorLine() const { return err.trimmed().split('\n').last(); }

    /// Runs `kaiwa-server <arguments>`, killed if it has not ended after `timeoutMs`.
    static ServerCommand run(const QStringList &arguments, const QByteArray &input = {}, int timeoutMs = 30000);

    /**
     * `kaiwa-server --database DATABASE user add NAME` with the password on stdin, as an administrator
     * creates an account. False, with the command's stderr in a warning, when it did not exit 0.
     */
    static bool addUser(const QString &database, const QString &name, const QByteArray &password);
};

} // namespace KaiwaTest
