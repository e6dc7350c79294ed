// SPDX-License-Identifier: MIT
#pragma once

#include "routing/chatrouter.h"
#include "serverconfig.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace Kaiwa::Server {

class AccountStore;
class ApiHandler;
class Authenticator;
class ChannelLayer;
class ChatRouter;
class ChatService;
class GroupHistory;
class HttpServer;
class LoginHandler;
class MessageStore;
class Metrics;
class PageRenderer;
class SessionMonitor;
class SqliteFileLock;

/**
 * The daemon wired together: the store and its accounts, the channel layer, the chat service, the
 * pages, the sign-in handler, the router and the HTTP server. The members are declared in that order,
 * each used only by those declared after it, so they die in the reverse one without a hand-written
 * teardown: the server first (its connections hold consumers that use everything else), the store last.
 */
class ServerApp : public QObject
{
    Q_OBJECT
public:
    explicit ServerApp(ServerConfig config, QObject *parent = nullptr);
    ~ServerApp() override;
    Q_DISABLE_COPY_MOVE(ServerApp)

    /// Opens the store and listens. False with errorString() when the daemon cannot run.
    bool start();
    QString errorString() const { return m_errorString; }
    /// The URL printed on start: http://HOST:PORT/chat/
    QString chatUrl() const;

    /// Closes every WebSocket with 1001 and emits stopped() once all connections are gone.
    void stop();

    /**
     * Applies what can change without a restart (SIGHUP): history on join, rate limits, allowed
     * origins and message size limits for new connections, retention, sign-in settings, monitoring
     * access, and the TLS certificate (for new connections; a broken one keeps the old). Turning
     * require-login on closes the anonymous connections (4003). Every change is logged. Options that
     * need a new socket, store or layer (bind, port, database, redis, presence-ttl, TLS on or off) or
     * that the HTTP server fixed at start (connections, head size, timeouts, trusted proxies) are kept, with a warning.
     */
    void reload(const ServerConfig &config);

Q_SIGNALS:
    void stopped();

private:
    /// Refuses a database the daemon may not use as configured: one of its own with --redis, or a
    /// database another daemon uses without sharing rooms (SqliteFileLock for a file, else MessageStore::claim()).
    bool claimDatabase();
    bool claimServerDatabase(bool sharesRooms);
    /// The refusal when another daemon's claim on `database` conflicts with this one's.
    static QString databaseInUse(const QString &database, bool sharesRooms);
    /// The channel layer `--redis` names (ChannelLayerRegistry), started.
    bool startLayer();
    /// The database's writes of chat messages on a thread of their own, when it wants that (writesOffTheLoop()).
    bool startAppendWorker();
    void enforceRetention();
    /// KAIWA_FAULT_KILL_AFTER_COMMITS (tests only): see the .cpp.
    void installCrashAfterCommits();
    ChatRouter::Settings routerSettings() const;
    /// Whether a changed option only takes effect after a restart.
    bool needsRestart(const QString &option, const ServerConfig &config) const;
    void applyRequireLogin(bool required);
    void reloadTls(const ServerConfig &config);

    ServerConfig m_config;
    // Each member is used by those declared after it, and outlives them.
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<SqliteFileLock> m_databaseLock; ///< SQLite files only.
    std::unique_ptr<AccountStore> m_accounts;       ///< On the store's connection; null for a store without accounts.
    std::unique_ptr<Authenticator> m_authenticator;
    std::unique_ptr<GroupHistory> m_history; ///< The store as the layer reads it (ordering across daemons).
    std::unique_ptr<ChannelLayer> m_layer;
    std::unique_ptr<ChatService> m_service;
    std::unique_ptr<SessionMonitor> m_sessions; ///< Only with accounts; walks the service's connections.
    std::unique_ptr<PageRenderer> m_pages;
    std::unique_ptr<LoginHandler> m_login;
    std::unique_ptr<ApiHandler> m_api;
    std::unique_ptr<ChatRouter> m_router;
    std::unique_ptr<HttpServer> m_server; ///< Its connections and their consumers go first.
    QTimer m_retentionTimer;
    QString m_errorString;
    bool m_stopping = false;
};

} // namespace Kaiwa::Server
