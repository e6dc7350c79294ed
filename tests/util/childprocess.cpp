// SPDX-License-Identifier: MIT
#include "childprocess.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QTcpServer>

namespace KaiwaTest::ChildProcess {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool waitForOutput(QProcess &process, QByteArrayView text, int timeoutMs, const char *program)
{
    QByteArray output;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && process.state() == QProcess::Running) {
        if (process.waitForReadyRead(200))
            output += process.readAll();
        if (output.contains(text))
            return true;
    }
    output += process.readAll();
    qWarning("%s did not come up:\n%s", program, output.constData());
    return false;
}

int stop(QProcess &process, int graceMs)
{
    if (process.state() != QProcess::NotRunning) {
        process.terminate();
        if (!process.waitForFinished(graceMs)) {
            process.kill();
            process.waitForFinished(5000);
            return -1;
        }
    }
    if (process.error() == QProcess::FailedToStart || process.exitStatus() != QProcess::NormalExit)
        return -1;
    return process.exitCode();
}

} // namespace KaiwaTest::ChildProcess
