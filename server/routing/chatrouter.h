// SPDX-License-Identifier: MIT
#pragma once

#include "originpolicy.h"
#include "transport/requesthandler.h"
#include "transport/websocketconnection.h"

#include <QByteArray>

namespace Kaiwa::Server {

class ChatService;
class PageRenderer;
class ApiHandler;
struct HttpResponse;
struct PageResponse;

/**
 * The daemon's URL map, like the tutorial's urls.py and routing.py together:
 * `/` → `/chat/`, `/chat/`, `/chat/<room>/`, `/static/<file>`, `/healthz`, `/api/...`, and the
 * WebSocket endpoint `/ws/chat/<room>/`. Upgrades are validated (route, room name, Origin,
 * handshake) before any 101; an upgrade never reaches a page route.
 */
class ChatRouter : public RequestHandler
{
public:
    struct Settings {
        QByteArrayList allowedOrigins;
        WebSocketConnection::Limits webSocketLimits;
    };

    /// Nothing is owned; everything must outlive the router.
    ChatRouter(Settings settings, ChatService *service, const PageRenderer *pages, const ApiHandler *api);

    /// Replaces the settings (SIGHUP); they apply to upgrades from now on, not to open WebSockets.
    void setSettings(Settings settings);

    void handleRequest(const HttpRequest &request, HttpConnection &connection) override;

    /// The room of a `/<prefix>/<room>/` path, decoded and validated; empty when the path does not match.
    static std::optional<QString> roomFromPath(QByteArrayView path, QByteArrayView prefix);

private:
    void handleUpgrade(const HttpRequest &request, HttpConnection &connection);
    HttpResponse route(const HttpRequest &request) const;
    HttpResponse page(const PageResponse &page, bool cacheable = false) const;

    Settings m_settings;
    OriginPolicy m_originPolicy;
    ChatService *m_service;
    const PageRenderer *m_pages;
    const ApiHandler *m_api;
};

} // namespace Kaiwa::Server
