// SPDX-License-Identifier: MIT
#include "serverapp.h"

#include "consumers/chatservice.h"
#include "layers/inmemorychannellayer.h"
#include "pages/pagerenderer.h"
#include "routing/apihandler.h"
#include "routing/chatrouter.h"
#include "serverlogging.h"
#include "storage/messagestorefactory.h"
#include "transport/httpserver.h"
#include "transport/websocketframe.h"

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
/// Rows deleted per event loop turn while enforcing retention, so the loop never stalls.
constexpr int s_retentionBatch = 500;
} // namespace

ServerApp::ServerApp(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
}

ServerApp::~ServerApp()
{
    // The server's connections hold consumers that use the service: tear down front to back.
    m_server.reset();
    m_router.reset();
}

bool ServerApp::start()
{
    QString error;
    m_store = createMessageStore(m_config.database, &error);
    if (!m_store) {
        m_errorString = error;
        return false;
    }
    if (!m_store->open()) {
        m_errorString = u"cannot open the database %1: %2"_s.arg(m_config.database, m_store->errorString());
        return false;
    }
    m_layer = std::make_unique<InMemoryChannelLayer>();
    m_service = std::make_unique<ChatService>(m_layer.get(), m_store.get(), m_config.chat);
    m_pages = std::make_unique<PageRenderer>();
    m_api = std::make_unique<ApiHandler>(m_service.get());
    m_router = std::make_unique<ChatRouter>(ChatRouter::Settings{m_config.allowedOrigins, m_config.webSocket},
                                            m_service.get(), m_pages.get(), m_api.get());
    m_server = std::make_unique<HttpServer>(m_config.http, m_router.get());
    connect(m_server.get(), &HttpServer::drained, this, &ServerApp::stopped);
    if (!m_server->listen(m_config.bindAddress, m_config.port)) {
        m_errorString = u"cannot listen on %1:%2: %3"_s.arg(m_config.bindText).arg(m_config.port).arg(m_server->errorString());
        return false;
    }
    if (!m_config.retention.isUnlimited()) {
        m_retentionTimer.setInterval(1min);
        connect(&m_retentionTimer, &QTimer::timeout, this, &ServerApp::enforceRetention);
        m_retentionTimer.start();
        QTimer::singleShot(0, this, &ServerApp::enforceRetention);
    }
    qCInfo(lcApp) << "serving" << chatUrl() << "with history in" << m_config.database << "layer"
                  << m_layer->backendId();
    return true;
}

QString ServerApp::chatUrl() const
{
    return u"http://%1:%2/chat/"_s.arg(m_config.bindText).arg(m_server ? m_server->serverPort() : m_config.port);
}

void ServerApp::enforceRetention()
{
    const int deleted = m_store->enforceRetention(m_config.retention, s_retentionBatch);
    if (deleted < 0) {
        qCWarning(lcApp) << "retention failed:" << m_store->errorString();
        return;
    }
    // A full batch means more may be due: continue on the next turn of the event loop.
    if (deleted == s_retentionBatch)
        QTimer::singleShot(0, this, &ServerApp::enforceRetention);
}

void ServerApp::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_retentionTimer.stop();
    if (!m_server) {
        Q_EMIT stopped();
        return;
    }
    qCInfo(lcApp) << "shutting down:" << m_server->connectionCount() << "connections";
    m_server->shutdown(CloseCode::goingAway, "server shutting down");
}

} // namespace Kaiwa::Server
