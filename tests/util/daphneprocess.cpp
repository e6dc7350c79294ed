// SPDX-License-Identifier: MIT
#include "daphneprocess.h"

#include <QDeadlineTimer>
#include <QTcpServer>

namespace KaiwaTest {

using namespace Qt::StringLiterals;

namespace {
/// The tutorial's project folder, from which Daphne runs mysite.asgi:application.
QString tutorialDirectory()
{
    return QStringLiteral(KAIWA_SOURCE_DIR) + u"/tests/peers/django-tutorial"_s;
}
} // namespace

DaphneProcess::DaphneProcess() = default;

DaphneProcess::~DaphneProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(2000);
    }
}

quint16 DaphneProcess::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool DaphneProcess::start(quint16 port)
{
    m_port = port ? port : freePort();
    m_process.setWorkingDirectory(tutorialDirectory());
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(u"/usr/bin/python3"_s, {u"-m"_s, u"daphne"_s, u"-b"_s, u"127.0.0.1"_s, u"-p"_s,
                                            QString::number(m_port), u"mysite.asgi:application"_s});
    if (!m_process.waitForStarted(10000))
        return false;
    // Daphne logs "Listening on TCP address 127.0.0.1:PORT" once it accepts connections.
    QByteArray output;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        if (m_process.waitForReadyRead(200))
            output += m_process.readAll();
        if (output.contains("Listening on TCP address"))
            return true;
    }
    qWarning("daphne did not start:\n%s", output.constData());
    return false;
}

} // namespace KaiwaTest
