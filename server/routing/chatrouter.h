// SPDX-License-Identifier: MIT
#pragma once

#include "auth/originpolicy.h"
#include "common/roomname.h"
#include "consumers/consumerscope.h"
#include "consumers/roompolicy.h"
#include "monitoringaccess.h"
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
class RoomAccess;
struct HttpResponse;
struct PageResponse;

/**
 * The daemon's URL map, like the tutorial's urls.py and routing.py together:
 * `/` → `/chat/`, `/chat/`, `/chat/<room>/`, `/static/<file>`, `/healthz`, `/metrics`, `/login`,
 * `/logout`, `/api/...`, and the WebSocket endpoint `/ws/chat/<room>/`; a direct message's page
 * `/dm/<account>/` and socket `/ws/dm/<account>/` (signed in only). Upgrades are validated
 * (route, room name, Origin, credentials, the room's door, handshake) before any 101; an upgrade never reaches a
 * page route. With `requireLogin`, pages send anonymous browsers to /login, the API and upgrades
 * answer 401. A private room answers its outsiders' pages and upgrades 404, as a room that does not exist
 * (RoomAccess, docs/protocol.md "Rooms with owners"); a banned client gets 403 for both, the page saying until when.
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
        /// Who may enter which room, and the direct-message rooms; null: every room is public, no direct messages.
        RoomAccess *access = nullptr;
    };

    /// `chatConsumer` serves `/ws/chat/<room>/`. Nothing is owned; everything must outlive the router.
    ChatRouter(Settings settings, ConsumerFactory chatConsumer, const PageRenderer *pages, const ApiHandler *api,
               Services services);

    /// Replaces the settings (SIGHUP); they apply to upgrades from now on, not to open WebSockets.
    void setSettings(Settings settings);

    void handleRequest(const HttpRequest &request, HttpResponder responder) override;

    /// The room of a `/<prefix>/<room>/` path, decoded and validated; empty when the path does not match.
    static std::optional<QString> roomFromPath(QByteArrayView path, QByteArrayView prefix,
                                               RoomName::Kinds kinds = RoomName::Kinds::Public);
    /// The account of a `/<prefix>/<account>/` path (a direct message's), decoded; empty when it does not match.
    static std::optional<QString> accountFromPath(QByteArrayView path, QByteArrayView prefix);

private:
    /// A WebSocket endpoint: `<prefix><room>/` (or `<prefix><account>/`) and the factory of its consumers.
    struct WebSocketRoute {
        QByteArray prefix;
        ConsumerFactory consumer;
        bool direct = false; ///< The path names the other account of a direct message, not a room.
    };
    const WebSocketRoute *webSocketRoute(QByteArrayView path) const;
    void handleUpgrade(const HttpRequest &request, HttpResponder &responder);
    HttpResponse route(const HttpRequest &request, const QHostAddress &client) const;
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
    /// Whether the account (empty: anonymous, from `client`) may enter the room, and how its door answers if not.
    RoomPolicy::Entry door(const QString &room, const QString &account, const QHostAddress &client) const;
    /// The page of `/chat/<room>/`, or the 404 page for a private room's outsider.
    HttpResponse roomPage(const HttpRequest &request, const QString &room, const QHostAddress &client) const;
    /// The page of `/dm/<account>/`: signed in only; 404 for an unknown account or oneself.
    HttpResponse directPage(const HttpRequest &request) const;

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
