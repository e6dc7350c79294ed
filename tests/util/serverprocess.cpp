// SPDX-License-Identifier: MIT
#include "serverprocess.h"

#include "childprocess.h"
#include "httpexchange.h"
#include "servercommand.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

namespace KaiwaTest {

using namespace Qt::StringLiterals;

ServerProcess::ServerProcess(QStringList extraArguments)
    : m_arguments(std::move(extraArguments))
{
    const auto given = [this](const QString &option) {
        return m_arguments.contains(option) || !m_arguments.filter(QRegularExpression(u"^%1="_s.arg(option))).isEmpty();
    };
    if (!given(u"--database"_s) && !given(u"--config"_s)) {
        m_databaseDirectory = std::make_unique<QTemporaryDir>();
        m_arguments += {u"--database"_s, m_databaseDirectory->filePath(u"kaiwa.sqlite"_s)};
    }
}

std::unique_ptr<ServerProcess> ServerProcess::withAccount(const QString &database, const QString &name,
                                                          const QByteArray &password, const QStringList &extraArguments)
{
    if (!ServerCommand::addUser(database, name, password))
        return nullptr;
    return std::make_unique<ServerProcess>(QStringList{u"--database"_s, database} + extraArguments);
}

ServerProcess::~ServerProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        stop();
}

void ServerProcess::setLauncher(const QString &program, const QStringList &arguments)
{
    m_launcher = QStringList{program} + arguments;
}

bool ServerProcess::start(quint16 port)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    const QStringList command =
        m_launcher + QStringList{QStringLiteral(KAIWA_SERVER_BINARY), u"--port"_s, QString::number(port)} + m_arguments;
    m_process->start(command.first(), command.mid(1));
    if (!m_process->waitForStarted(10000)) {
        qWarning("kaiwa-server did not start: %s", qPrintable(m_process->errorString()));
        return false;
    }
    static const QRegularExpression banner(u"^kaiwa-server listening on https?://([^/]+):(\\d+)/chat/$"_s);
    QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired()) {
        if (m_process->canReadLine()) {
            const QString line = QString::fromUtf8(m_process->readLine()).trimmed();
            const auto match = banner.match(line);
            if (!match.hasMatch()) {
                qWarning("unexpected first line from kaiwa-server: %s", qPrintable(line));
                return false;
            }
            m_port = match.captured(2).toUShort();
            return m_port != 0;
        }
        if (m_process->state() == QProcess::NotRunning)
            break;
        m_process->waitForReadyRead(100);
    }
    qWarning("kaiwa-server did not announce itself; log:\n%s", log().constData());
    return false;
}

int ServerProcess::stop()
{
    return m_process ? ChildProcess::stop(*m_process) : -1;
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
}

QByteArray ServerProcess::log()
{
    if (m_process)
        m_log += m_process->readAllStandardError();
    return m_log;
}

bool ServerProcess::waitForLog(QByteArrayView text, qsizetype from, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!QByteArrayView(log()).sliced(qMin(from, m_log.size())).contains(text)) {
        if (deadline.hasExpired() || !m_process || m_process->state() == QProcess::NotRunning)
            return false;
        m_process->waitForReadyRead(100);
    }
    return true;
}

bool ServerProcess::waitUntilHealthy(int timeoutMs)
{
    return QTest::qWaitFor([this] { return HttpExchange::run(m_port, "GET", "/healthz").body.trimmed() == "ok"; },
                           timeoutMs);
}

qsizetype ServerProcess::reload()
{
    const qsizetype before = log().size();
#ifdef Q_OS_UNIX
    if (m_process)
        ::kill(pid_t(m_process->processId()), SIGHUP);
#else
    qWarning("ServerProcess::reload: SIGHUP exists on POSIX systems only");
#endif
    return before;
}

} // namespace KaiwaTest
