// SPDX-License-Identifier: MIT
#pragma once

#include "monitoringaccess.h"
#include "originpolicy.h"
#include "transport/logthrottle.h"
#include "transport/requesthandler.h"
#include "transport/websocketconnection.h"

#include <QByteArray>

namespace Kaiwa::Server {

class ChatService;
class PageRenderer;
class ApiHandler;
class Authenticator;
class LoginHandler;
class Metrics;
struct HttpResponse;
struct PageResponse;

/**
 * The daemon's URL map, like the tutorial's urls.py and routing.py together:
 * `/` → `/chat/`, `/chat/`, `/chat/<room>/`, `/static/<file>`, `/healthz`, `/metrics`, `/login`,
 * `/logout`, `/api/...`, and the WebSocket endpoint `/ws/chat/<room>/`. Upgrades are validated
 * (route, room name, Origin, credentials, handshake) before any 101; an upgrade never reaches a
 * page route. With `requireLogin`, pages send anonymous browsers to /login, the API and upgrades
 * answer 401.
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

    /// What the router needs besides the chat: each may be null (no accounts, no metrics).
    struct Services {
        Authenticator *authenticator = nullptr;
        LoginHandler *login = nullptr;
        Metrics *metrics = nullptr;
    };

    /// Nothing is owned; everything must outlive the router.
    ChatRouter(Settings settings, ChatService *service, const PageRenderer *pages, const ApiHandler *api,
               Services services);

    /// Replaces the settings (SIGHUP); they apply to upgrades from now on, not to open WebSockets.
    void setSettings(Settings settings);

    void handleRequest(const HttpRequest &request, HttpConnection &connection) override;

    /// The room of a `/<prefix>/<room>/` path, decoded and validated; empty when the path does not match.
    static std::optional<QString> roomFromPath(QByteArrayView path, QByteArrayView prefix);

private:
    void handleUpgrade(const HttpRequest &request, HttpConnection &connection);
    HttpResponse route(const HttpRequest &request) const;
    /// Who may keep a page: anyone for a while (static files), anyone after asking again, or nobody
    /// (a page that names the signed-in account).
    enum class Caching { Public, Revalidate, NoStore };
    HttpResponse page(const PageResponse &page, Caching caching = Caching::Revalidate) const;
    HttpResponse monitoring(const HttpRequest &request, const HttpConnection &connection) const;
    /// With requireLogin: the answer for an anonymous request to a page or the API; nothing when it may pass.
    std::optional<HttpResponse> loginRequired(const HttpRequest &request) const;
    void refuseUpgrade(HttpConnection &connection, const char *reason, HttpResponse response);

    Settings m_settings;
    OriginPolicy m_originPolicy;
    ChatService *m_service;
    const PageRenderer *m_pages;
    const ApiHandler *m_api;
    Services m_services;
    /// Refused upgrades and monitoring requests: a client can make them at will, the log gets one per interval.
    mutable LogThrottle m_refusalLog;
};

} // namespace Kaiwa::Server
