// SPDX-License-Identifier: MIT
#include "redisserverprocess.h"

#include "childprocess.h"

#include <QDeadlineTimer>
#include <QFile>
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
            // Ours, not another suite's redis that took the port first: its own pid answers.
            probe.write("INFO server\r\n");
            QByteArray answer;
            while (!answer.contains("process_id:") && probe.waitForReadyRead(1000))
                answer += probe.readAll();
            while (probe.waitForReadyRead(100)) // the rest of the line
                answer += probe.readAll();
            const qsizetype at = answer.indexOf("process_id:");
            if (at >= 0) {
                const QByteArray pid = answer.mid(at + 11, answer.indexOf('\r', at) - at - 11);
                if (pid.toLongLong() == m_process.processId())
                    return true;
                qWarning("port %u answers for redis pid %s, not ours (%lld)", m_port, pid.constData(),
                         m_process.processId());
                return false;
            }
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

bool RedisServerProcess::freeze()
{
    if (m_process.state() == QProcess::NotRunning)
        return false;
    const qint64 pid = m_process.processId();
    ::kill(pid_t(pid), SIGSTOP);
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired()) { // "pid (comm) T ...": the state follows the command's parenthesis
        if (stat.open(QIODevice::ReadOnly)) {
            const QByteArray line = stat.readAll();
            stat.close();
            const qsizetype close = line.lastIndexOf(')');
            if (close >= 0 && line.mid(close + 2, 1) == "T")
                return true;
        }
        QThread::msleep(10);
    }
    qWarning("redis-server %lld did not stop", pid);
    return false;
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
