// SPDX-License-Identifier: MIT
#include "chatserver.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#ifndef KAIWA_TEST_PEER_DJANGO
#include "util/serverprocess.h"
#endif

namespace KaiwaTest {

using namespace Qt::StringLiterals;

QUrl ChatServer::httpUrl() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(port()));
}

namespace {

#ifdef KAIWA_TEST_PEER_DJANGO

/// The Django Channels tutorial chat under daphne, from ../shared/peers/django-channels-chat.
class DjangoPeer : public ChatServer
{
public:
    ~DjangoPeer() override { stop(); }

    bool start(quint16 port) override
    {
        m_port = port ? port : freePort();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setWorkingDirectory(QStringLiteral(KAIWA_DJANGO_PEER_DIR));
        m_process->start(u"/usr/bin/python3"_s, {u"-m"_s, u"daphne"_s, u"-b"_s, u"127.0.0.1"_s, u"-p"_s,
                                                 QString::number(m_port), u"config.asgi:application"_s});
        if (!m_process->waitForStarted(10000)) {
            qWarning("daphne did not start: %s", qPrintable(m_process->errorString()));
            return false;
        }
        // daphne prints nothing useful on stdout: wait until the port accepts connections.
        QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
            QTcpSocket probe;
            probe.connectToHost(u"127.0.0.1"_s, m_port);
            if (probe.waitForConnected(200))
                return true;
            QTest::qWait(100);
        }
        qWarning("daphne did not listen on %u:\n%s", m_port, m_process->readAll().constData());
        return false;
    }

    void stop() override
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }

    quint16 port() const override { return m_port; }
    bool isKaiwa() const override { return false; }

private:
    static quint16 freePort()
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        return server.serverPort();
    }

    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

#else

/// kaiwa-server with a database file that survives restarts (so deduplication does too).
class KaiwaServer : public ChatServer
{
public:
    KaiwaServer()
        : m_process({u"--database"_s, m_directory.filePath(u"kaiwa.sqlite"_s)})
    {
    }
    ~KaiwaServer() override { stop(); }

    bool start(quint16 port) override { return m_process.start(port); }
    void stop() override { m_process.stop(); }
    quint16 port() const override { return m_process.port(); }
    bool isKaiwa() const override { return true; }

private:
    QTemporaryDir m_directory;
    ServerProcess m_process;
};

#endif

} // namespace

std::unique_ptr<ChatServer> ChatServer::create()
{
#ifdef KAIWA_TEST_PEER_DJANGO
    return std::make_unique<DjangoPeer>();
#else
    return std::make_unique<KaiwaServer>();
#endif
}

} // namespace KaiwaTest
