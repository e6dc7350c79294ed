// SPDX-License-Identifier: MIT
#include "redisserverprocess.h"

#include "childprocess.h"

#include <QDeadlineTimer>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QThread>

#include <csignal>

#include <sys/types.h>

namespace KaiwaTest {

using namespace Qt::StringLiterals;

RedisServerProcess::RedisServerProcess() = default;

RedisServerProcess::~RedisServerProcess()
{
    kill();
}

QString RedisServerProcess::url(int database) const
{
    return u"redis://127.0.0.1:%1/%2"_s.arg(m_port).arg(database);
}

bool RedisServerProcess::start(quint16 port)
{
    const QString binary = QStandardPaths::findExecutable(u"redis-server"_s);
    if (binary.isEmpty()) {
        qWarning("redis-server is not installed (Debian: apt-get install redis-server)");
        return false;
    }
    kill();
    m_port = port ? port : ChildProcess::freeLoopbackPort();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(binary, {u"--port"_s, QString::number(m_port), u"--bind"_s, u"127.0.0.1"_s, u"--save"_s, u""_s,
                             u"--appendonly"_s, u"no"_s, u"--daemonize"_s, u"no"_s});
    if (!m_process.waitForStarted(5000)) {
        qWarning("redis-server did not start: %s", qPrintable(m_process.errorString()));
        return false;
    }
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        QTcpSocket probe;
        probe.connectToHost(u"127.0.0.1"_s, m_port);
        if (probe.waitForConnected(200)) {
            probe.write("PING\r\n");
            if (probe.waitForReadyRead(1000) && probe.readAll().startsWith("+PONG"))
                return true;
        }
        QThread::msleep(50);
    }
    qWarning("redis-server did not answer on port %u:\n%s", m_port, m_process.readAll().constData());
    return false;
}

void RedisServerProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
}

void RedisServerProcess::freeze()
{
    if (m_process.state() != QProcess::NotRunning)
        ::kill(pid_t(m_process.processId()), SIGSTOP);
}

void RedisServerProcess::thaw()
{
    if (m_process.state() != QProcess::NotRunning)
        ::kill(pid_t(m_process.processId()), SIGCONT);
}

QByteArray RedisServerProcess::cli(const QStringList &arguments) const
{
    QProcess cli;
    cli.start(u"redis-cli"_s, QStringList{u"-p"_s, QString::number(m_port)} + arguments);
    cli.waitForFinished(5000);
    return cli.readAllStandardOutput().trimmed();
}

} // namespace KaiwaTest
