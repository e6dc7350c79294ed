// SPDX-License-Identifier: MIT
#pragma once

#include "chatendpoint.h"

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace KaiwaTest {

/**
 * A real kaiwa-server child process on an ephemeral port (`--port 0`).
 *
 * start() waits for the first stdout line, `kaiwa-server listening on http://HOST:PORT/chat/`,
 * and parses the port from it. The destructor terminates the process.
 */
class ServerProcess : public ChatEndpoint
{
public:
    /**
     * Extra arguments are appended after `--port 0` (or the port given to start()). Without `--database`
     * or `--config` in them, the daemon gets a database file of its own in a temporary folder that lives
     * as long as this object (restarts keep it): a test never writes to the platform's data directory,
     * nor sees another test's rooms.
     */
    explicit ServerProcess(QStringList extraArguments = {});
    /**
     * A daemon, not started, on the database file `database`, in which the account `name` is made first
     * (ServerCommand::addUser); `extraArguments` follow `--database`. Null when the account was not made.
     */
    static std::unique_ptr<ServerProcess> withAccount(const QString &database, const QString &name,
                                                      const QByteArray &password,
                                                      const QStringList &extraArguments = {});
    ~ServerProcess() override;

    /**
     * Starts the daemon through `program arguments... kaiwa-server ...`, which must end by exec'ing it,
     * so that the process is the daemon's (a shell that mounts a file system in a namespace of its own
     * first, for example). Call before start().
     */
    void setLauncher(const QString &program, const QStringList &arguments);
    /// Starts the daemon; false (with QTest-visible warnings) if it did not announce itself in time.
    bool start(quint16 port = 0) override;
    /// SIGTERM and wait; returns the exit code (-1 if it had to be killed).
    int stop() override;
    /// SIGKILL, no cleanup by the daemon.
    void kill();

    quint16 port() const override { return m_port; }
    bool isKaiwa() const override { return true; }

    QProcess &process() { return *m_process; }
    /// Everything the daemon wrote to stderr so far (its log).
    QByteArray log();
    /// Waits until the log holds `text` after its first `from` bytes (a log().size() taken before acting).
    bool waitForLog(QByteArrayView text, qsizetype from = 0, int timeoutMs = 10000);
    /// Waits until GET /healthz answers "ok": its channel layer and store are reachable (a daemon on Redis says so
    /// only once it is connected).
    bool waitUntilHealthy(int timeoutMs = 10000);
    /// SIGHUP: the daemon reads its config file again. Returns the log's size before, for waitForLog().
    qsizetype reload();

private:
    QStringList m_arguments;
    std::unique_ptr<QTemporaryDir> m_databaseDirectory; ///< The database's folder when none was given.
    QStringList m_launcher; ///< Program and arguments before the daemon's path; empty to start it directly.
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QByteArray m_log;
};

} // namespace KaiwaTest
