// SPDX-License-Identifier: MIT
#include "serverapp.h"

#include "auth/authenticator.h"
#include "auth/loginhandler.h"
#include "auth/sessionmonitor.h"
#include "common/protocol.h"
#include "consumers/chatservice.h"
#include "layers/inmemorychannellayer.h"
#include "layers/redischannellayer.h"
#include "metrics.h"
#include "pages/pagerenderer.h"
#include "redaction.h"
#include "routing/apihandler.h"
#include "routing/chatrouter.h"
#include "serverlogging.h"
#include "serveroptions.h"
#include "storage/messagestorefactory.h"
#include "storage/sqlitefilelock.h"
#include "storegrouphistory.h"
#include "tlscredentials.h"
#include "transport/httpserver.h"

#include <QEventLoop>
#include "transport/websocketframe.h"

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
/// Rows deleted per event loop turn while enforcing retention, so the loop never stalls.
constexpr int s_retentionBatch = 500;
/// Largest request body: the sign-in form (name, password, next) and nothing else.
constexpr qsizetype s_maxBodyBytes = 4096;
/// The longest start waits for Redis to say whether the other daemons use this daemon's database;
/// beyond the connection timeout (5 s) plus a check.
constexpr auto s_storeCheckTimeout = 10s;
} // namespace

ServerApp::ServerApp(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_metrics(std::make_unique<Metrics>())
{
    m_config.webSocket.counters = &m_metrics->transport();
    m_config.http.counters = &m_metrics->transport();
    m_config.http.head.maxBodyBytes = s_maxBodyBytes;
}

ServerApp::~ServerApp()
{
    // The server's connections hold consumers that use the service: tear down front to back.
    m_server.reset();
    m_router.reset();
    m_login.reset();
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
        m_errorString =
            u"cannot open the database %1: %2"_s.arg(Redaction::url(m_config.database), m_store->errorString());
        return false;
    }
    if (!claimDatabase())
        return false;
    if (m_config.redis.isEmpty())
        m_layer = std::make_unique<InMemoryChannelLayer>();
    else if (!startRedisLayer())
        return false;
    m_accounts = createAccountStore(m_store.get());
    if (m_config.requireLogin && !m_accounts) {
        m_errorString = u"--require-login needs a database that keeps accounts"_s;
        return false;
    }
    m_authenticator = std::make_unique<Authenticator>(m_accounts.get());
    m_service = std::make_unique<ChatService>(m_layer.get(), m_store.get(), m_config.chat);
    m_service->setMetrics(m_metrics.get());
    m_pages = std::make_unique<PageRenderer>();
    m_login = std::make_unique<LoginHandler>(m_config.login, m_authenticator.get(), m_pages.get(), m_metrics.get());
    m_api = std::make_unique<ApiHandler>(m_service.get());
    m_router = std::make_unique<ChatRouter>(routerSettings(), m_service.get(), m_pages.get(), m_api.get(),
                                            ChatRouter::Services{m_authenticator.get(), m_login.get(), m_metrics.get()});
    m_server = std::make_unique<HttpServer>(m_config.http, m_router.get());
    if (!m_config.tlsCertificate.isEmpty()) {
        const auto tls = TlsCredentials::load(m_config.tlsCertificate, m_config.tlsKey, &error);
        if (!tls) {
            m_errorString = error;
            return false;
        }
        m_server->setTlsConfiguration(*tls);
    }
    if (m_accounts) {
        m_sessions = std::make_unique<SessionMonitor>(m_accounts.get(), &m_service->connections());
        connect(m_login.get(), &LoginHandler::sessionEnded, m_sessions.get(), &SessionMonitor::endSession);
        m_sessions->start();
    }
    m_metrics->setGaugeSource([this] {
        Metrics::Gauges gauges;
        gauges.connections = m_server ? m_server->connectionCount() : 0;
        gauges.webSockets = m_server ? m_server->webSocketCount() : 0;
        gauges.rooms = int(m_layer->localGroups().size());
        gauges.layerAvailable = m_layer->isAvailable();
        gauges.redisConfigured = !m_config.redis.isEmpty();
        gauges.redisStoreConflict = m_redis && m_redis->storeState() == RedisStoreRegistration::State::Conflict;
        gauges.redisProbeTimeouts = m_redis ? m_redis->probeTimeouts() : 0;
        return gauges;
    });
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
    qCInfo(lcApp) << "serving" << chatUrl() << "with history in" << Redaction::url(m_config.database) << "layer"
                  << m_layer->backendId();
    return true;
}

bool ServerApp::claimDatabase()
{
    const bool sharesRooms = !m_config.redis.isEmpty();
    if (sharesRooms && m_store->identity().isEmpty()) {
        m_errorString = u"--redis needs a database that every daemon shares, and %1 lives in this daemon alone: give "
                        "every daemon the same --database postgresql://... URL (or, on one machine, the same SQLite "
                        "file)"_s.arg(m_store->displayName());
        return false;
    }
    const QString file = sqliteDatabaseFile(m_store.get());
    if (file.isEmpty())
        return true;
    m_databaseLock = std::make_unique<SqliteFileLock>(file);
    switch (m_databaseLock->tryLock(sharesRooms ? SqliteFileLock::Mode::Shared : SqliteFileLock::Mode::Exclusive)) {
    case SqliteFileLock::Result::Locked:
        return true;
    case SqliteFileLock::Result::Busy:
        m_errorString = sharesRooms
            ? u"another kaiwa-server without --redis uses %1 and delivers to its own members only: stop it, or give "
              "it the same --redis as this one"_s.arg(file)
            : u"another kaiwa-server uses %1: without --redis each daemon delivers to its own members only, so two "
              "on one file would split every room; give this one a --database of its own, or every daemon on the "
              "file the same --redis"_s.arg(file);
        return false;
    case SqliteFileLock::Result::Failed:
        break;
    }
    m_errorString = u"cannot lock the message database: %1"_s.arg(m_databaseLock->errorString());
    return false;
}

bool ServerApp::startRedisLayer()
{
    // Validated by ServerOptions; the daemon serves while Redis is still unreachable.
    const RedisUrl url = *RedisUrl::parse(m_config.redis);
    auto layer = std::make_unique<RedisChannelLayer>(url);
    m_history = std::make_unique<StoreGroupHistory>(m_store.get());
    layer->setHistory(m_history.get());
    layer->setPresenceTtl(std::chrono::seconds(m_config.presenceTtlSeconds));
    layer->setStore(m_store->identity(), m_store->displayName());
    layer->start();
    m_redis = layer.get();
    m_layer = std::move(layer);

    using State = RedisStoreRegistration::State;
    if (m_redis->storeState() == State::Unchecked) {
        // Before serving: a daemon whose ids would collide with the other daemons' must not start.
        // Nothing else runs yet; the wait ends with Redis' first answer or when it cannot be reached.
        QEventLoop loop;
        connect(m_redis, &RedisChannelLayer::storeStateChanged, &loop, &QEventLoop::quit);
        QTimer::singleShot(s_storeCheckTimeout, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (m_stopping) {
        m_errorString = u"stopped while starting"_s;
        return false;
    }
    switch (m_redis->storeState()) {
    case State::Registered:
        return true;
    case State::Conflict:
        m_errorString = u"%1: give every daemon on it the same --database (one postgresql:// URL, or one SQLite file "
                        "for daemons on one machine); to move them all to this database, stop them, then wait until "
                        "the registration lapses (--presence-ttl) or delete it: redis-cli -h %2 -p %3 DEL %4"_s
                            .arg(m_redis->storeConflict(), url.host)
                            .arg(url.port)
                            .arg(QString::fromUtf8(m_redis->storeKey()));
        return false;
    case State::Unchecked:
    case State::Unreachable:
        break;
    }
    qCWarning(lcApp) << "redis is not reachable yet: the database is compared with the other daemons' once it is "
                        "(a daemon on another database shares no room with this one either way)";
    return true;
}

ChatRouter::Settings ServerApp::routerSettings() const
{
    return ChatRouter::Settings{m_config.allowedOrigins, m_config.webSocket, m_config.requireLogin, m_config.monitoring};
}

QString ServerApp::chatUrl() const
{
    return u"%1://%2:%3/chat/"_s.arg(m_config.tlsCertificate.isEmpty() ? u"http"_s : u"https"_s, m_config.bindText)
        .arg(m_server ? m_server->serverPort() : m_config.port);
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

void ServerApp::reload(const ServerConfig &config)
{
    if (!m_server || m_stopping)
        return;
    // Every change is logged: a file cut short at a line end is valid, and shows up here as options
    // going back to their defaults.
    QStringList kept;
    for (auto it = config.optionValues.cbegin(); it != config.optionValues.cend(); ++it) {
        const QString running = m_config.optionValues.value(it.key());
        if (running == it.value())
            continue;
        if (needsRestart(it.key(), config)) {
            kept.append(it.key());
            continue;
        }
        // Applied, or refused, and reported by applyRequireLogin() and reloadTls().
        if (it.key() == "require-login"_L1 || it.key() == "tls-cert"_L1 || it.key() == "tls-key"_L1)
            continue;
        qCInfo(lcApp).noquote() << "reload:" << it.key() << ServerOptions::displayValue(it.key(), running) << "->"
                                << ServerOptions::displayValue(it.key(), it.value());
        m_config.optionValues.insert(it.key(), it.value());
    }
    if (!kept.isEmpty())
        qCWarning(lcApp) << "reload: a restart is needed to change" << kept.join(u", "_s);

    m_config.chat = config.chat;
    m_config.allowedOrigins = config.allowedOrigins;
    m_config.webSocket = config.webSocket;
    m_config.webSocket.counters = &m_metrics->transport();
    m_config.retention = config.retention;
    applyRequireLogin(config.requireLogin);
    m_config.monitoring = config.monitoring;
    m_config.login.sessionLifetimeSeconds = config.login.sessionLifetimeSeconds;
    m_config.login.attemptBurst = config.login.attemptBurst;
    m_service->setSettings(m_config.chat);
    m_login->setSettings(m_config.login);
    m_router->setSettings(routerSettings());
    if (m_server->isTls() && !config.tlsCertificate.isEmpty())
        reloadTls(config);
    if (m_config.retention.isUnlimited()) {
        m_retentionTimer.stop();
    } else {
        m_retentionTimer.setInterval(1min);
        connect(&m_retentionTimer, &QTimer::timeout, this, &ServerApp::enforceRetention, Qt::UniqueConnection);
        m_retentionTimer.start();
        QTimer::singleShot(0, this, &ServerApp::enforceRetention);
    }
    qCInfo(lcApp) << "reloaded: history" << m_config.chat.historyOnJoin << "rate" << m_config.chat.rateLimit << "burst"
                  << m_config.chat.rateBurst << "origins" << m_config.allowedOrigins.join(',') << "retention"
                  << m_config.retention.maxMessagesPerRoom << "messages" << m_config.retention.maxAgeDays << "days"
                  << "require-login" << m_config.requireLogin;
}

bool ServerApp::needsRestart(const QString &option, const ServerConfig &config) const
{
    // The listening socket, the store, the layer, and what the HTTP server fixed at start.
    static const QStringList fixed{u"bind"_s, u"port"_s, u"database"_s, u"redis"_s, u"presence-ttl"_s,
                                   u"max-connections"_s, u"max-head-bytes"_s, u"head-timeout"_s, u"idle-timeout"_s,
                                   u"frame-timeout"_s, u"keepalive-interval"_s, u"trusted-proxy"_s};
    if (fixed.contains(option))
        return true;
    // A new certificate is loaded on reload; switching TLS on or off changes what the port speaks.
    if (option == "tls-cert"_L1 || option == "tls-key"_L1)
        return config.tlsCertificate.isEmpty() == m_server->isTls();
    return false;
}

void ServerApp::applyRequireLogin(bool required)
{
    if (required == m_config.requireLogin)
        return;
    if (required && !m_accounts) {
        qCWarning(lcApp) << "reload: require-login needs a database that keeps accounts; keeping it off";
        return;
    }
    m_config.requireLogin = required;
    m_config.optionValues.insert(u"require-login"_s, required ? u"true"_s : u"false"_s);
    if (!required) {
        qCWarning(lcApp) << "reload: require-login is now OFF: anyone who reaches the port may read and post";
        return;
    }
    // Sign-in is required from now on, for the connections already open too.
    qCInfo(lcApp) << "reload: require-login is now on: anonymous connections end with"
                  << Protocol::CloseCode::signInRequired;
    if (m_sessions)
        m_sessions->endAnonymous();
}

void ServerApp::reloadTls(const ServerConfig &config)
{
    // Read again even from the same paths: rotating a certificate usually replaces the files in place.
    QString error;
    const auto tls = TlsCredentials::load(config.tlsCertificate, config.tlsKey, &error);
    if (!tls) {
        qCWarning(lcApp).noquote() << "reload: keeping the TLS certificate in use:" << error;
        return;
    }
    m_server->replaceTlsConfiguration(*tls);
    m_config.tlsCertificate = config.tlsCertificate;
    m_config.tlsKey = config.tlsKey;
    m_config.optionValues.insert(u"tls-cert"_s, config.optionValues.value(u"tls-cert"_s));
    m_config.optionValues.insert(u"tls-key"_s, config.optionValues.value(u"tls-key"_s));
    qCInfo(lcApp).noquote() << "reload: TLS certificate for new connections:" << TlsCredentials::describe(*tls);
}

void ServerApp::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_retentionTimer.stop();
    if (m_sessions)
        m_sessions->stop();
    if (!m_server) {
        Q_EMIT stopped();
        return;
    }
    qCInfo(lcApp) << "shutting down:" << m_server->connectionCount() << "connections";
    m_server->shutdown(CloseCode::goingAway, "server shutting down");
}

} // namespace Kaiwa::Server
