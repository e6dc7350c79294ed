// SPDX-License-Identifier: MIT
#pragma once

#include <QProcess>
#include <QStringList>

namespace KaiwaTest {

/**
 * A real `redis-server` on a free loopback port, without persistence
 * (`--save '' --appendonly no`). kill() and restart() (same port) simulate an outage.
 */
class RedisServerProcess
{
public:
    RedisServerProcess();
    ~RedisServerProcess();

    /// False (with a warning) when redis-server is missing, does not answer in time, or the port
    /// answers for another redis-server than the one started here.
    bool start(quint16 port = 0);
    /// SIGKILL, as a crash would.
    void kill();
    /// SIGSTOP: the server keeps its connections open but answers nothing (a hung host, a long stall).
    /// True once the kernel reports the process stopped.
    [[nodiscard]] bool freeze();
    /// SIGCONT after freeze().
    void thaw();
    /// Starts again on the same port.
    bool restart() { return start(m_port); }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    quint16 port() const { return m_port; }
    /// redis://127.0.0.1:PORT/DB
    QString url(int database = 0) const;
    /// Runs redis-cli against this server and returns its trimmed output.
    QByteArray cli(const QStringList &arguments) const;

private:
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace KaiwaTest
