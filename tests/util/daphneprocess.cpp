// SPDX-License-Identifier: MIT
#include "daphneprocess.h"

#include "childprocess.h"

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
    stop();
}

bool DaphneProcess::start(quint16 port)
{
    m_port = port ? port : ChildProcess::freeLoopbackPort();
    m_process.setWorkingDirectory(tutorialDirectory());
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(u"/usr/bin/python3"_s, {u"-m"_s, u"daphne"_s, u"-b"_s, u"127.0.0.1"_s, u"-p"_s,
                                            QString::number(m_port), u"mysite.asgi:application"_s});
    if (!m_process.waitForStarted(10000)) {
        qWarning("daphne did not start: %s", qPrintable(m_process.errorString()));
        return false;
    }
    // Daphne logs "Listening on TCP address 127.0.0.1:PORT" once it accepts connections.
    return ChildProcess::waitForOutput(m_process, "Listening on TCP address", 30000, "daphne");
}

int DaphneProcess::stop()
{
    return ChildProcess::stop(m_process, 5000);
}

} // namespace KaiwaTest
