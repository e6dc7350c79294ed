// SPDX-License-Identifier: MIT
#include "serverapp.h"

#include "applogging.h"
#include "auth/authenticator.h"
#include "auth/loginhandler.h"
#include "auth/sessionmonitor.h"
#include "common/protocol.h"
#include "common/redaction.h"
#include "consumers/chatconsumer.h"
#include "consumers/chatgroup.h"
#include "consumers/chatservice.h"
#include "consumers/storegrouphistory.h"
#include "layers/channellayer.h"
#include "layers/channellayerregistry.h"
#include "metrics/metrics.h"
#include "pages/pagerenderer.h"
#include "routing/apihandler.h"
#include "routing/chatrouter.h"
#include "serveroptions.h"
#include "storage/appendworker.h"
#include "storage/messagestoreregistry.h"
#include "storage/sqlitefilelock.h"
#include "tlscredentials.h"
#include "transport/httpserver.h"
#include "transport/websocketframe.h"

#include <csignal>
#include <cstdlib>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
/// Rows deleted per event loop turn while enforcing retention, so the loop never stalls.
constexpr int s_retentionBatch = 500;
/// Largest request body: the sign-in form (name, password, next) and nothing else.
constexpr qsizetype s_maxBodyBytes = 4096;
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

ServerApp::~ServerApp() = default;

bool ServerApp::startAppendWorker()
{
    auto worker = std::make_unique<AppendWorker>(
        [spec = m_config.database](QString *error) { return createMessageStore(spec, error); });
    QString error;
    if (!worker->start(&error)) {
        m_errorString = u"cannot open a second connection to the database %1 (for writing messages): %2"_s.arg(
            Redaction::url(m_config.database), error);
        return false;
    }
    m_service->setAppendWorker(std::move(worker));
    return true;
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
    if (!claimDatabase() || !startLayer())
        return false;
    m_accounts = m_store->createAccountStore();
    if (m_config.requireLogin && !m_accounts) {
        m_errorString = u"--require-login needs a database that keeps accounts"_s;
        return false;
    }
    m_authenticator = std::make_unique<Authenticator>(m_accounts.get());
    m_service = std::make_unique<ChatService>(m_layer.get(), m_store.get(), m_config.chat, m_metrics.get());
    if (m_store->writesOffTheLoop() && !startAppendWorker())
        return false;
    m_service->setAccounts(m_accounts.get());
    installCrashAfterCommits();
    m_pages = std::make_unique<PageRenderer>();
    m_login = std::make_unique<LoginHandler>(m_config.login, m_authenticator.get(), m_pages.get(), m_metrics.get());
    m_api = std::make_unique<ApiHandler>(m_service.get());
    m_api->setSearchLimited(m_config.chat.rateLimit > 0);
    m_router = std::make_unique<ChatRouter>(
        routerSettings(), ChatConsumer::factory(m_service.get()), m_pages.get(), m_api.get(),
        ChatRouter::Services{m_authenticator.get(), m_login.get(), m_metrics.get(),
                             [service = m_service.get()] { return service->degradedReason(); }, m_service.get()});
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
        const ChannelLayer::Health layer = m_layer->health();
        Metrics::Gauges gauges;
        gauges.connections = m_server ? m_server->connectionCount() : 0;
        gauges.webSockets = m_server ? m_server->webSocketCount() : 0;
        const QStringList groups = m_layer->localGroups();
        // Accounts have groups too (ChatGroup::accountName()): only rooms count.
        gauges.rooms = int(std::count_if(groups.begin(), groups.end(),
                                         [](const QString &group) { return ChatGroup::room(group).has_value(); }));
        gauges.layerReachable = layer.reachable;
        gauges.redisConfigured = !m_config.redis.isEmpty();
        gauges.redisStoreConflict = layer.storeConflict;
        gauges.redisProbeTimeouts = layer.probeTimeouts;
        return gauges;
    });
    connect(m_server.get(), &HttpServer::drained, this, &ServerApp::stopped);
    if (!m_server->listen(m_config.bindAddress, m_config.port)) {
        m_errorString =
            u"cannot listen on %1:%2: %3"_s.arg(m_config.bindText).arg(m_config.port).arg(m_server->errorString());
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
    const QString file = m_store->databaseFile();
    if (file.isEmpty())
        return claimServerDatabase(sharesRooms);
    m_databaseLock = std::make_unique<SqliteFileLock>(file);
    switch (m_databaseLock->tryLock(sharesRooms ? SqliteFileLock::Mode::Shared : SqliteFileLock::Mode::Exclusive)) {
    case SqliteFileLock::Result::Locked:
        return true;
    case SqliteFileLock::Result::Busy:
        m_errorString = databaseInUse(file, sharesRooms);
        return false;
    case SqliteFileLock::Result::Failed:
        break;
    }
    m_errorString = u"cannot lock the message database: %1"_s.arg(m_databaseLock->errorString());
    return false;
}

bool ServerApp::claimServerDatabase(bool sharesRooms)
{
    switch (m_store->claim(sharesRooms ? MessageStore::Claim::Shared : MessageStore::Claim::Exclusive)) {
    case MessageStore::ClaimResult::Held:
    case MessageStore::ClaimResult::NotApplicable:
        return true;
    case MessageStore::ClaimResult::Busy:
        m_errorString = databaseInUse(m_store->displayName(), sharesRooms);
        return false;
    case MessageStore::ClaimResult::Failed:
        break;
    }
    m_errorString = u"cannot claim the message database: %1"_s.arg(m_store->errorString());
    return false;
}

QString ServerApp::databaseInUse(const QString &database, bool sharesRooms)
{
    return sharesRooms ? u"another kaiwa-server without --redis uses %1 and delivers to its own members only: stop it, "
                         "or give it the same --redis as this one"_s.arg(database)
                       : u"another kaiwa-server uses %1: without --redis each daemon delivers to its own members only, "
                         "so two on one database would split every room; give this one a --database of its own, or "
                         "every daemon on the database the same --redis"_s.arg(database);
}

bool ServerApp::startLayer()
{
    // With Redis, this waits for the other daemons' database to be compared with this one (the layer
    // refuses to mix two databases' ids); a signal meanwhile stops the start.
    m_history = std::make_unique<StoreGroupHistory>(m_store.get());
    QString error;
    m_layer = ChannelLayerRegistry::withBuiltinBackends().create(
        ChannelLayerOptions{m_config.redis, m_history.get(), m_store->identity(), m_store->displayName(),
                            std::chrono::seconds(m_config.presenceTtlSeconds)},
        &error);
    if (m_stopping) {
        m_errorString = u"stopped while starting"_s;
        return false;
    }
    if (!m_layer) {
        m_errorString = error;
        return false;
    }
    return true;
}

ChatRouter::Settings ServerApp::routerSettings() const
{
    return ChatRouter::Settings{m_config.allowedOrigins, m_config.webSocket, m_config.requireLogin,
                                m_config.monitoring};
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
    m_api->setSearchLimited(m_config.chat.rateLimit > 0);
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
    static const QStringList fixed{u"bind"_s,
                                   u"port"_s,
                                   u"database"_s,
                                   u"redis"_s,
                                   u"presence-ttl"_s,
                                   u"max-connections"_s,
                                   u"max-head-bytes"_s,
                                   u"head-timeout"_s,
                                   u"idle-timeout"_s,
                                   u"frame-timeout"_s,
                                   u"keepalive-interval"_s,
                                   u"trusted-proxy"_s};
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
    if (m_service)
        m_service->commitPosts(); // messages taken in this loop turn are stored and delivered before the 1001
    m_server->shutdown(CloseCode::goingAway, "server shutting down");
}

void ServerApp::installCrashAfterCommits()
{
    // A fault injection for tests/faults (tst_faults::killBetweenCommitAndAck): the daemon kills itself after the
    // N-th committed batch of messages, before any of them is acknowledged or broadcast. Not an option: nobody sets
    // it by accident in a config file.
    bool ok = false;
    const int commits = qEnvironmentVariableIntValue("KAIWA_FAULT_KILL_AFTER_COMMITS", &ok);
    if (!ok || commits <= 0)
        return;
    qCWarning(lcApp) << "fault injection: KAIWA_FAULT_KILL_AFTER_COMMITS =" << commits;
    connect(&m_service->messageWriter(), &GroupCommit::committed, this,
            [commits, seen = 0](int, qint64, bool stored) mutable {
                if (!stored || ++seen != commits)
                    return;
#ifdef Q_OS_UNIX
                ::raise(SIGKILL);
#else
                std::_Exit(EXIT_FAILURE);
#endif
            });
}

} // namespace Kaiwa::Server
