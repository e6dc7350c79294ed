// SPDX-License-Identifier: MIT
#include "chatrouter.h"

#include "apihandler.h"
#include "auth/authenticator.h"
#include "auth/loginhandler.h"
#include "common/displayname.h"
#include "common/isotime.h"
#include "common/protocol.h"
#include "common/roomname.h"
#include "consumers/roomaccess.h"
#include "metrics/metrics.h"
#include "pages/pagerenderer.h"
#include "routinglogging.h"
#include "transport/httprequest.h"
#include "transport/httpresponse.h"
#include "transport/monotonicclock.h"
#include "transport/websockethandshake.h"

#include <QStringDecoder>

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

/// To the sign-in page, back to `path` after it.
HttpResponse loginRedirect(QByteArrayView path)
{
    HttpResponse response =
        HttpResponse::redirect("/login?next=" + LoginHandler::safeNext(path).toPercentEncoding("/"));
    response.addHeader("Cache-Control", "no-store");
    return response;
}

/// The segment of a `<prefix><segment>/` path; nothing when the path is not one.
std::optional<QByteArrayView> segmentOf(QByteArrayView path, QByteArrayView prefix)
{
    if (!path.startsWith(prefix) || !path.endsWith('/') || path.size() <= prefix.size() + 1)
        return std::nullopt;
    const QByteArrayView segment = path.sliced(prefix.size(), path.size() - prefix.size() - 1);
    if (segment.contains('/'))
        return std::nullopt;
    return segment;
}

constexpr QByteArrayView s_directPagePrefix = "/dm/";

} // namespace

ChatRouter::ChatRouter(Settings settings, ConsumerFactory chatConsumer, const PageRenderer *pages,
                       const ApiHandler *api, Services services)
    : m_settings(std::move(settings))
    , m_originPolicy(m_settings.allowedOrigins)
    , m_webSocketRoutes{{QByteArrayLiteral("/ws/chat/"), chatConsumer, false},
                        {QByteArrayLiteral("/ws/dm/"), chatConsumer, true}}
    , m_pages(pages)
    , m_api(api)
    , m_services(services)
{
}

void ChatRouter::setSettings(Settings settings)
{
    m_settings = std::move(settings);
    m_originPolicy = OriginPolicy(m_settings.allowedOrigins);
}

std::optional<QString> ChatRouter::roomFromPath(QByteArrayView path, QByteArrayView prefix, RoomName::Kinds kinds)
{
    const auto segment = segmentOf(path, prefix);
    return segment ? RoomName::fromPathSegment(*segment, kinds) : std::nullopt;
}

std::optional<QString> ChatRouter::accountFromPath(QByteArrayView path, QByteArrayView prefix)
{
    // An account name is short; whether it exists is RoomAccess::directRoom()'s to say.
    constexpr qsizetype maxEncodedLength = 1024;
    const auto segment = segmentOf(path, prefix);
    if (!segment || segment->size() > maxEncodedLength)
        return std::nullopt;
    QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    const QString account = decoder.decode(QByteArray::fromPercentEncoding(segment->toByteArray()));
    if (decoder.hasError() || account.isEmpty())
        return std::nullopt;
    return account;
}

RoomPolicy::Entry ChatRouter::door(const QString &room, const QString &account, const QHostAddress &client) const
{
    if (!m_services.access) // no room settings (a router without a chat service): every room is public
        return {RoomName::isDirect(room) ? RoomPolicy::Entry::Verdict::NotFound : RoomPolicy::Entry::Verdict::Allowed,
                std::nullopt};
    return m_services.access->mayEnter(room, account, client);
}

const ChatRouter::WebSocketRoute *ChatRouter::webSocketRoute(QByteArrayView path) const
{
    for (const WebSocketRoute &route : m_webSocketRoutes) {
        if (path.startsWith(route.prefix))
            return &route;
    }
    return nullptr;
}

void ChatRouter::handleRequest(const HttpRequest &request, HttpResponder responder)
{
    if (WebSocketHandshake::isUpgradeRequest(request)) {
        handleUpgrade(request, responder);
        return;
    }
    if (LoginHandler::handles(request.path) && m_services.login) {
        m_services.login->handle(request, std::move(responder), m_originPolicy);
        return;
    }
    if (request.path == "/metrics" || request.path == "/healthz") {
        responder.respond(monitoring(request, responder.clientAddress()));
        return;
    }
    if (auto refusal = loginRequired(request)) {
        responder.respond(*refusal);
        return;
    }
    const bool isApi = request.path == "/api" || request.path.startsWith("/api/");
    if (isApi && (request.method == "GET" || request.method == "HEAD")) {
        const Authenticator::Identity identity =
            m_services.authenticator ? m_services.authenticator->identify(request) : Authenticator::Identity{};
        m_api->handle(request, identity.isAccount() ? identity.account : QString(), std::move(responder));
        return;
    }
    responder.respond(route(request, responder.clientAddress()));
}

std::optional<HttpResponse> ChatRouter::loginRequired(const HttpRequest &request) const
{
    // Other methods get their 405 from route(), signed in or not.
    if (!m_settings.requireLogin || (request.method != "GET" && request.method != "HEAD"))
        return std::nullopt;
    const QByteArray &path = request.path;
    const bool isApi = path == "/api" || path.startsWith("/api/");
    if (!isApi && path != "/" && !path.startsWith("/chat"))
        return std::nullopt;
    if (m_services.authenticator && m_services.authenticator->identify(request).isAccount())
        return std::nullopt;
    if (isApi) {
        HttpResponse response = HttpResponse::json(401, R"({"error": "sign in first"})");
        response.addHeader("WWW-Authenticate", R"(Bearer realm="kaiwa")");
        return response;
    }
    return loginRedirect(path == "/" ? QByteArrayView("/chat/") : QByteArrayView(path));
}

HttpResponse ChatRouter::monitoring(const HttpRequest &request, const QHostAddress &client) const
{
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse response = withStatus(405, "Method Not Allowed");
        response.addHeader("Allow", "GET, HEAD");
        return response;
    }
    if (!m_settings.monitoring.isAllowed(request, client)) {
        quint64 suppressed = 0;
        if (m_refusalLog.admit(monotonicMs(), &suppressed))
            qCInfo(lcRouting).noquote() << "refusing" << request.path << "to" << client.toString()
                                        << LogThrottle::note(suppressed);
        return withStatus(403, "Forbidden: monitoring is limited to allowed addresses or a token");
    }
    if (request.path == "/metrics") {
        HttpResponse response{200,
                              Metrics::contentType.toByteArray(),
                              m_services.metrics ? m_services.metrics->render() : QByteArray(),
                              {}};
        response.addHeader("Cache-Control", "no-store");
        return response;
    }
    // Still 200 when degraded: the daemon serves its own members, and a load balancer that
    // drops every daemon when Redis is down would serve nobody. Monitoring reads the body.
    if (const QString reason = m_services.degradedReason ? m_services.degradedReason() : QString(); !reason.isEmpty())
        return HttpResponse::text(200, "degraded: " + reason.toUtf8() + '\n');
    return HttpResponse::text(200, "ok\n");
}

void ChatRouter::refuseUpgrade(HttpResponder &responder, const char *reason, HttpResponse response)
{
    if (m_services.metrics)
        m_services.metrics->countRefusedUpgrade(reason);
    responder.respond(response);
}

void ChatRouter::handleUpgrade(const HttpRequest &request, HttpResponder &responder)
{
    const WebSocketRoute *endpoint = webSocketRoute(request.path);
    // A direct message's socket names the other account. A chat socket also takes a direct-message room's own name
    // (its page connects so); the room's door below lets only its two accounts in.
    const auto other = endpoint && endpoint->direct ? accountFromPath(request.path, endpoint->prefix) : std::nullopt;
    auto room = endpoint && !endpoint->direct
                    ? roomFromPath(request.path, endpoint->prefix, RoomName::Kinds::PublicOrDirect)
                    : std::nullopt;
    if (!room && !other) {
        refuseUpgrade(responder, "not_found", withStatus(404, "Not Found"));
        return;
    }
    if (!m_originPolicy.isAllowed(request)) {
        quint64 suppressed = 0;
        if (m_refusalLog.admit(monotonicMs(), &suppressed))
            qCInfo(lcRouting).noquote() << "refusing upgrade from origin" << request.header("origin") << "to host"
                                        << request.header("host") << LogThrottle::note(suppressed);
        refuseUpgrade(responder, "origin", withStatus(403, "Forbidden: origin not allowed"));
        return;
    }
    const Authenticator::Identity identity =
        m_services.authenticator ? m_services.authenticator->identifyUpgrade(request) : Authenticator::Identity{};
    if (identity.kind == Authenticator::Identity::Kind::Rejected
        || ((m_settings.requireLogin || other) && !identity.isAccount())) {
        const bool rejected = identity.kind == Authenticator::Identity::Kind::Rejected;
        HttpResponse response = withStatus(401, rejected ? "Unauthorized: the session token is unknown or expired"
                                                         : "Unauthorized: sign in first");
        response.addHeader("WWW-Authenticate",
                           rejected ? R"(Bearer realm="kaiwa", error="invalid_token")" : R"(Bearer realm="kaiwa")");
        refuseUpgrade(responder, "unauthorized", response);
        return;
    }
    const QString account = identity.isAccount() ? identity.account : QString();
    if (other)
        room = m_services.access ? m_services.access->directRoom(account, *other) : std::nullopt;
    const RoomPolicy::Entry entry = room ? door(*room, account, responder.clientAddress())
                                         : RoomPolicy::Entry{RoomPolicy::Entry::Verdict::NotFound, std::nullopt};
    switch (entry.verdict) {
    case RoomPolicy::Entry::Verdict::Allowed:
        break;
    case RoomPolicy::Entry::Verdict::NotFound: // a private room's outsider learns nothing more than of a new name
        refuseUpgrade(responder, "not_found", withStatus(404, "Not Found"));
        return;
    case RoomPolicy::Entry::Verdict::Banned: {
        // Said in the body for people and scripts; the close code 4011 told the client already not to come back.
        const QDateTime until = entry.ban ? entry.ban->until : QDateTime();
        const QString end = until.isValid() ? u" until %1"_s.arg(IsoTime::format(until)) : QString();
        refuseUpgrade(responder, "banned",
                      withStatus(403, u"Forbidden: banned: You are banned from this room%1"_s.arg(end).toUtf8()));
        return;
    }
    case RoomPolicy::Entry::Verdict::Unavailable:
        refuseUpgrade(responder, "unavailable",
                      withStatus(503, "Service Unavailable: the room's settings cannot be read now"));
        return;
    }
    switch (WebSocketHandshake::check(request)) {
    case WebSocketHandshake::Check::Valid:
        break;
    case WebSocketHandshake::Check::BadVersion: {
        HttpResponse response = withStatus(426, "Upgrade Required: WebSocket version 13 only");
        response.addHeader("Sec-WebSocket-Version", "13");
        refuseUpgrade(responder, "bad_handshake", response);
        return;
    }
    case WebSocketHandshake::Check::NotAnUpgrade:
    case WebSocketHandshake::Check::BadRequest:
        refuseUpgrade(responder, "bad_handshake", withStatus(400, "Bad Request: invalid WebSocket handshake"));
        return;
    }
    std::optional<qint64> since;
    if (const auto value = request.queryItem("since")) {
        bool ok = false;
        const qint64 id = value->toLongLong(&ok);
        if (!ok || id < 0) {
            responder.respond(withStatus(400, "Bad Request: since must be a non-negative message id"));
            return;
        }
        since = id;
    }
    // The epoch of the history `since` counts in (docs/protocol.md, "Recovery epoch"); only compared, never parsed.
    const QString epoch = QString::fromUtf8(request.queryItem("epoch").value_or(QByteArray()).left(64));
    // A signed-in client is its account, whatever name it asks for.
    QString user = identity.isAccount()
                       ? identity.account
                       : DisplayName::sanitize(QString::fromUtf8(request.queryItem("name").value_or(QByteArray())));
    if (user.isEmpty())
        user = u"anonymous"_s;

    const QByteArray subprotocol =
        WebSocketHandshake::selectSubprotocol(request, {QByteArray(Protocol::subprotocol.data())});
    if (WebSocketConnection *webSocket = responder.acceptWebSocket(request, subprotocol, m_settings.webSocketLimits)) {
        endpoint->consumer(webSocket, ConsumerScope{*room, user, since, !subprotocol.isEmpty(), identity.isAccount(),
                                                    identity.sessionHash, epoch});
    }
}

HttpResponse ChatRouter::page(const PageResponse &page, Caching caching) const
{
    HttpResponse response{page.status, page.contentType, page.body, {}};
    response.addHeader("Content-Security-Policy", s_contentSecurityPolicy.toByteArray());
    response.addHeader("X-Frame-Options", "DENY");
    switch (caching) {
    case Caching::Public:
        response.addHeader("Cache-Control", "public, max-age=300");
        break;
    case Caching::Revalidate:
        response.addHeader("Cache-Control", "no-cache");
        break;
    case Caching::NoStore:
        response.addHeader("Cache-Control", "no-store");
        break;
    }
    return response;
}

HttpResponse ChatRouter::route(const HttpRequest &request, const QHostAddress &client) const
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
            return roomPage(request, *room, client);
        // Django's APPEND_SLASH: /chat/lobby → /chat/lobby/
        if (const auto room = roomFromPath(path + '/', "/chat/"))
            return HttpResponse::redirect(path + '/');
        return page(m_pages->notFound(language));
    }
    if (path.startsWith(s_directPagePrefix)) {
        if (path.endsWith('/'))
            return directPage(request);
        if (accountFromPath(path + '/', s_directPagePrefix))
            return HttpResponse::redirect(path + '/');
        return page(m_pages->notFound(language));
    }
    if (path.startsWith("/static/")) {
        if (const auto file = m_pages->staticFile(QByteArrayView(path).sliced(8)))
            return page(*file, Caching::Public);
        return page(m_pages->notFound(language));
    }
    if (const WebSocketRoute *endpoint = webSocketRoute(path);
        endpoint
        && (endpoint->direct ? accountFromPath(path, endpoint->prefix) : roomFromPath(path, endpoint->prefix))) {
        HttpResponse response = withStatus(426, "Upgrade Required: this is a WebSocket endpoint");
        response.addHeader("Upgrade", "websocket");
        return response;
    }
    return page(m_pages->notFound(language));
}

HttpResponse ChatRouter::roomPage(const HttpRequest &request, const QString &room, const QHostAddress &client) const
{
    const QByteArrayView language = request.header("accept-language");
    // A signed-in browser gets its account and a sign-out button on the page.
    const Authenticator::Identity identity =
        m_services.authenticator ? m_services.authenticator->identify(request) : Authenticator::Identity{};
    const QString account = identity.isAccount() ? identity.account : QString();
    const RoomPolicy::Entry entry = door(room, account, client);
    switch (entry.verdict) {
    case RoomPolicy::Entry::Verdict::Allowed:
        break;
    case RoomPolicy::Entry::Verdict::Banned: // says so, and until when (docs/protocol.md, "Moderation")
        return page(m_pages->banned(room, language, entry.ban ? entry.ban->until : QDateTime()), Caching::NoStore);
    case RoomPolicy::Entry::Verdict::NotFound:
        return page(m_pages->notFound(language));
    case RoomPolicy::Entry::Verdict::Unavailable:
        return withStatus(503, "Service Unavailable: the room's settings cannot be read now");
    }
    return page(m_pages->room(room, language, account), account.isEmpty() ? Caching::Revalidate : Caching::NoStore);
}

HttpResponse ChatRouter::directPage(const HttpRequest &request) const
{
    const QByteArrayView language = request.header("accept-language");
    const auto other = accountFromPath(request.path, s_directPagePrefix);
    if (!other)
        return page(m_pages->notFound(language));
    const Authenticator::Identity identity =
        m_services.authenticator ? m_services.authenticator->identify(request) : Authenticator::Identity{};
    if (!identity.isAccount())
        return loginRedirect(request.path);
    const auto room = m_services.access ? m_services.access->directRoom(identity.account, *other) : std::nullopt;
    if (!room)
        return page(m_pages->notFound(language));
    return page(m_pages->room(*room, language, identity.account), Caching::NoStore);
}

} // namespace Kaiwa::Server
