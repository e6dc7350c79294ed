// SPDX-License-Identifier: MIT
#pragma once

#include "auth/originpolicy.h"
#include "consumers/consumerscope.h"
#include "monitoringaccess.h"
#include "storage/roompolicystore.h"
#include "transport/logthrottle.h"
#include "transport/requesthandler.h"
#include "transport/websocketconnection.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>

#include <functional>

namespace Kaiwa::Server {

class ApiHandler;
class Authenticator;
class LoginHandler;
class Metrics;
class PageRenderer;
struct HttpResponse;
struct PageResponse;

/**
 * The daemon's URL map, like the tutorial's urls.py and routing.py together:
 * `/` → `/chat/`, `/chat/`, `/chat/<room>/`, `/static/<file>`, `/healthz`, `/metrics`, `/login`,
 * `/logout`, `/api/...`, and the WebSocket endpoint `/ws/chat/<room>/`. Upgrades are validated
 * (route, room name, Origin, credentials, handshake) before any 101; an upgrade never reaches a
 * page route. With `requireLogin`, pages send anonymous browsers to /login, the API and upgrades
 * answer 401. A client banned from a room gets 403 for its upgrades and its page (Services::banOf).
 *
 * A WebSocket route holds the factory of its consumer (ConsumerFactory, Channels' `as_asgi()`): the
 * router makes the scope, the factory makes the consumer. Sign-in and the API may answer later (they
 * keep the HttpResponder).
 */
class ChatRouter : public RequestHandler
{
public:
    struct Settings {
        QByteArrayList allowedOrigins;
        WebSocketConnection::Limits webSocketLimits;
        bool requireLogin = false;
        MonitoringAccess monitoring; ///< Who may read /metrics and /healthz.
    };

    /// What the router needs besides the pages and the API: each may be null (no accounts, no metrics).
    struct Services {
        Authenticator *authenticator = nullptr;
        LoginHandler *login = nullptr;
        Metrics *metrics = nullptr;
        /// Why the daemon does not do all it should, for /healthz (ChatService::degradedReason()); empty: ok.
        std::function<QString()> degradedReason;
        /**
         * The ban in force on the account in the room (empty account: an anonymous client at `address`), which
         * refuses its upgrades and its room page with 403 (docs/protocol.md, "Moderation"); nothing when none.
         */
        std::function<std::optional<RoomPolicyStore::Restriction>(const QString &room, const QString &account,
                                                                  const QHostAddress &address)>
            banOf;
    };

    /// `chatConsumer` serves `/ws/chat/<room>/`. Nothing is owned; everything must outlive the router.
    ChatRouter(Settings settings, ConsumerFactory chatConsumer, const PageRenderer *pages, const ApiHandler *api,
               Services services);

    /// Replaces the settings (SIGHUP); they apply to upgrades from now on, not to open WebSockets.
    void setSettings(Settings settings);

    void handleRequest(const HttpRequest &request, HttpResponder responder) override;

    /// The room of a `/<prefix>/<room>/` path, decoded and validated; empty when the path does not match.
    static std::optional<QString> roomFromPath(QByteArrayView path, QByteArrayView prefix);

private:
    /// A WebSocket endpoint: `<prefix><room>/` and the factory of its consumers.
    struct WebSocketRoute {
        QByteArray prefix;
        ConsumerFactory consumer;
    };
    const WebSocketRoute *webSocketRoute(QByteArrayView path) const;
    void handleUpgrade(const HttpRequest &request, HttpResponder &responder);
    HttpResponse route(const HttpRequest &request, const QHostAddress &client) const;
    /// The ban in force on the account (or the anonymous client's address) in the room, if any.
    std::optional<RoomPolicyStore::Restriction> banOf(const QString &room, const QString &account,
                                                      const QHostAddress &client) const;
    /// Who may keep a page: anyone for a while (static files), anyone after asking again, or nobody
    /// (a page that names the signed-in account).
    enum class Caching {
        Public,
        Revalidate,
        NoStore
    };
    HttpResponse page(const PageResponse &page, Caching caching = Caching::Revalidate) const;
    HttpResponse monitoring(const HttpRequest &request, const QHostAddress &client) const;
    /// With requireLogin: the answer for an anonymous request to a page or the API; nothing when it may pass.
    std::optional<HttpResponse> loginRequired(const HttpRequest &request) const;
    void refuseUpgrade(HttpResponder &responder, const char *reason, HttpResponse response);

    Settings m_settings;
    OriginPolicy m_originPolicy;
    QList<WebSocketRoute> m_webSocketRoutes;
    const PageRenderer *m_pages;
    const ApiHandler *m_api;
    Services m_services;
    /// Refused upgrades and monitoring requests: a client can make them at will, the log gets one per interval.
    mutable LogThrottle m_refusalLog;
};

} // namespace Kaiwa::Server
