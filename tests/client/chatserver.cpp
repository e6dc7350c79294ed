// SPDX-License-Identifier: MIT
#include "chatserver.h"

#include <QTemporaryDir>

#ifdef KAIWA_TEST_PEER_DJANGO
#include "util/daphneprocess.h"
#else
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

/// The Django Channels tutorial chat the repository carries, under Daphne (util/daphneprocess.h).
class DjangoPeer : public ChatServer
{
public:
    bool start(quint16 port) override
    {
        m_daphne = std::make_unique<DaphneProcess>();
        const bool started = m_daphne->start(port);
        m_port = m_daphne->port();
        return started;
    }
    /// Stops Daphne; port() stays the one it had, so a test can start it there again.
    void stop() override { m_daphne.reset(); }
    quint16 port() const override { return m_port; }
    bool isKaiwa() const override { return false; }

private:
    std::unique_ptr<DaphneProcess> m_daphne;
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
