// SPDX-License-Identifier: MIT
#include "chatrouter.h"

#include "apihandler.h"
#include "common/displayname.h"
#include "common/protocol.h"
#include "common/roomname.h"
#include "consumers/chatconsumer.h"
#include "consumers/chatservice.h"
#include "layers/channellayer.h"
#include "pages/pagerenderer.h"
#include "serverlogging.h"
#include "transport/httpconnection.h"
#include "transport/httpresponse.h"
#include "transport/websockethandshake.h"

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

// The pages have no inline script or style; nothing may frame them.
constexpr QByteArrayView s_contentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

HttpResponse withStatus(int status, QByteArrayView text)
{
    return HttpResponse::text(status, text.toByteArray() + '\n');
}

} // namespace

ChatRouter::ChatRouter(Settings settings, ChatService *service, const PageRenderer *pages, const ApiHandler *api)
    : m_settings(std::move(settings))
    , m_originPolicy(m_settings.allowedOrigins)
    , m_service(service)
    , m_pages(pages)
    , m_api(api)
{
}

void ChatRouter::setSettings(Settings settings)
{
    m_settings = std::move(settings);
    m_originPolicy = OriginPolicy(m_settings.allowedOrigins);
}

std::optional<QString> ChatRouter::roomFromPath(QByteArrayView path, QByteArrayView prefix)
{
    if (!path.startsWith(prefix) || !path.endsWith('/') || path.size() <= prefix.size() + 1)
        return std::nullopt;
    const QByteArrayView segment = path.sliced(prefix.size(), path.size() - prefix.size() - 1);
    if (segment.contains('/'))
        return std::nullopt;
    return RoomName::fromPathSegment(segment);
}

void ChatRouter::handleRequest(const HttpRequest &request, HttpConnection &connection)
{
    if (WebSocketHandshake::isUpgradeRequest(request)) {
        handleUpgrade(request, connection);
        return;
    }
    connection.respond(route(request));
}

void ChatRouter::handleUpgrade(const HttpRequest &request, HttpConnection &connection)
{
    const auto room = roomFromPath(request.path, "/ws/chat/");
    if (!room) {
        connection.respond(withStatus(404, "Not Found"));
        return;
    }
    if (!m_originPolicy.isAllowed(request)) {
        qCInfo(lcRouting) << "refusing upgrade from origin" << request.header("origin") << "to host"
                          << request.header("host");
        connection.respond(withStatus(403, "Forbidden: origin not allowed"));
        return;
    }
    switch (WebSocketHandshake::check(request)) {
    case WebSocketHandshake::Check::Valid:
        break;
    case WebSocketHandshake::Check::BadVersion: {
        HttpResponse response = withStatus(426, "Upgrade Required: WebSocket version 13 only");
        response.addHeader("Sec-WebSocket-Version", "13");
        connection.respond(response);
        return;
    }
    case WebSocketHandshake::Check::NotAnUpgrade:
    case WebSocketHandshake::Check::BadRequest:
        connection.respond(withStatus(400, "Bad Request: invalid WebSocket handshake"));
        return;
    }
    std::optional<qint64> since;
    if (const auto value = request.queryItem("since")) {
        bool ok = false;
        const qint64 id = value->toLongLong(&ok);
        if (!ok || id < 0) {
            connection.respond(withStatus(400, "Bad Request: since must be a non-negative message id"));
            return;
        }
        since = id;
    }
    QString user = DisplayName::sanitize(QString::fromUtf8(request.queryItem("name").value_or(QByteArray())));
    if (user.isEmpty())
        user = u"anonymous"_s;

    const QByteArray subprotocol =
        WebSocketHandshake::selectSubprotocol(request, {QByteArray(Protocol::subprotocol.data())});
    WebSocketConnection *webSocket = connection.acceptWebSocket(request, subprotocol, m_settings.webSocketLimits);
    auto *consumer = new ChatConsumer(webSocket, {*room, user, since, !subprotocol.isEmpty()}, m_service);
    consumer->start();
}

HttpResponse ChatRouter::page(const PageResponse &page, bool cacheable) const
{
    HttpResponse response{page.status, page.contentType, page.body, {}};
    response.addHeader("Content-Security-Policy", s_contentSecurityPolicy.toByteArray());
    response.addHeader("X-Frame-Options", "DENY");
    response.addHeader("Cache-Control", cacheable ? "public, max-age=300" : "no-cache");
    return response;
}

HttpResponse ChatRouter::route(const HttpRequest &request) const
{
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse response = withStatus(405, "Method Not Allowed");
        response.addHeader("Allow", "GET, HEAD");
        return response;
    }
    const QByteArrayView language = request.header("accept-language");
    const QByteArray &path = request.path;
    if (path == "/")
        return HttpResponse::redirect("/chat/");
    if (path == "/chat/")
        return page(m_pages->index(language));
    if (path == "/chat")
        return HttpResponse::redirect("/chat/");
    if (path.startsWith("/chat/")) {
        if (const auto room = roomFromPath(path, "/chat/"))
            return page(m_pages->room(*room, language));
        // Django's APPEND_SLASH: /chat/lobby → /chat/lobby/
        if (const auto room = roomFromPath(path + '/', "/chat/"))
            return HttpResponse::redirect(path + '/');
        return page(m_pages->notFound(language));
    }
    if (path.startsWith("/static/")) {
        if (const auto file = m_pages->staticFile(QByteArrayView(path).sliced(8)))
            return page(*file, true);
        return page(m_pages->notFound(language));
    }
    if (path.startsWith("/ws/chat/") && roomFromPath(path, "/ws/chat/")) {
        HttpResponse response = withStatus(426, "Upgrade Required: this is a WebSocket endpoint");
        response.addHeader("Upgrade", "websocket");
        return response;
    }
    if (path == "/healthz") {
        // Still 200 when degraded: the daemon serves its own members, and a load balancer that
        // drops every daemon when Redis is down would serve nobody. Monitoring reads the body.
        if (!m_service->layer()->isAvailable())
            return HttpResponse::text(200, "degraded: " + m_service->layer()->backendId().toUtf8() + " unavailable\n");
        return HttpResponse::text(200, "ok\n");
    }
    if (path == "/api" || path.startsWith("/api/"))
        return m_api->handle(request);
    return page(m_pages->notFound(language));
}

} // namespace Kaiwa::Server
