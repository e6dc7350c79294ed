// SPDX-License-Identifier: MIT
#include "loginhandler.h"

#include "authenticator.h"
#include "authlogging.h"
#include "metrics/metrics.h"
#include "originpolicy.h"
#include "pages/pagerenderer.h"
#include "passwordhasher.h"
#include "storage/accountstore.h"
#include "transport/httprequest.h"
#include "transport/httpresponse.h"
#include "transport/monotonicclock.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

/// Verifications running at once; more wait for a 503 rather than queue without bound.
constexpr int s_maxInFlight = 8;
constexpr qsizetype s_maxNameLength = 64;
constexpr qsizetype s_maxPasswordLength = 1024;

bool wantsJson(const HttpRequest &request)
{
    return request.header("accept").contains("application/json");
}

/// Form fields of an application/x-www-form-urlencoded body, decoded.
QString formValue(const QByteArray &body, QByteArrayView key)
{
    for (const QByteArray &pair : body.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        if (equals < 0 || QByteArrayView(pair).first(equals) != key)
            continue;
        QByteArray value = pair.sliced(equals + 1);
        value.replace('+', ' ');
        return QString::fromUtf8(QByteArray::fromPercentEncoding(value));
    }
    return {};
}

} // namespace

LoginHandler::LoginHandler(Settings settings, Authenticator *authenticator, const PageRenderer *pages, Metrics *metrics,
                           QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_authenticator(authenticator)
    , m_pages(pages)
    , m_metrics(metrics)
    , m_throttle(settings.attemptBurst, settings.attemptRefillMs)
{
    m_pool.setMaxThreadCount(2);
}

LoginHandler::~LoginHandler()
{
    m_pool.waitForDone();
}

void LoginHandler::setSettings(const Settings &settings)
{
    m_settings = settings;
    m_throttle.setLimits(settings.attemptBurst, settings.attemptRefillMs);
}

QByteArray LoginHandler::safeNext(QByteArrayView next)
{
    // Only our own pages: no scheme, no "//host", no backslashes browsers read as slashes.
    if (!(next.startsWith("/chat/") || next.startsWith("/dm/")) || next.contains("//") || next.contains('\\')
        || next.size() > 1024)
        return "/chat/";
    for (const char c : next) {
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7F)
            return "/chat/";
    }
    return next.toByteArray();
}

HttpResponse LoginHandler::loginPage(const HttpRequest &request, int status, const char *errorId) const
{
    const auto next = request.method == "POST" ? formValue(request.body, "next").toUtf8()
                                               : request.queryItem("next").value_or(QByteArray());
    const auto identity = m_authenticator->identify(request);
    PageResponse page =
        m_pages->login(request.header("accept-language"),
                       {QString::fromUtf8(safeNext(next)), errorId ? QString::fromLatin1(errorId) : QString(),
                        identity.isAccount() ? identity.account : QString()});
    HttpResponse response{status, page.contentType, page.body, {}};
    // No script at all on this page; the form may only post to this server, and nothing may frame it.
    response.addHeader(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    response.addHeader("X-Frame-Options", "DENY");
    response.addHeader("Cache-Control", "no-store");
    return response;
}

HttpResponse LoginHandler::failure(const HttpRequest &request, int status, const char *errorCode,
                                   const char *errorId) const
{
    if (wantsJson(request))
        return HttpResponse::json(
            status,
            QJsonDocument(QJsonObject{{u"error"_s, QString::fromLatin1(errorCode)}}).toJson(QJsonDocument::Compact));
    return loginPage(request, status, errorId);
}

void LoginHandler::handle(const HttpRequest &request, HttpResponder responder, const OriginPolicy &originPolicy)
{
    const bool isLogin = request.path == "/login";
    if (isLogin && (request.method == "GET" || request.method == "HEAD")) {
        responder.respond(loginPage(request, 200, nullptr));
        return;
    }
    if (request.method != "POST") {
        HttpResponse response = HttpResponse::text(405, "Method Not Allowed\n");
        response.addHeader("Allow", isLogin ? "GET, HEAD, POST" : "POST");
        responder.respond(response);
        return;
    }
    // CSRF: a browser always sends Origin on a POST; one from another site is refused.
    if (!originPolicy.isAllowed(request)) {
        qCInfo(lcAuth) << "refusing" << request.path << "from origin" << request.header("origin");
        responder.respond(HttpResponse::text(403, "Forbidden: origin not allowed\n"));
        return;
    }
    if (isLogin)
        login(request, std::move(responder));
    else
        logout(request, std::move(responder));
}

void LoginHandler::login(const HttpRequest &request, HttpResponder responder)
{
    if (!request.header("content-type").startsWith("application/x-www-form-urlencoded")) {
        responder.respond(HttpResponse::text(415, "Unsupported Media Type: send application/x-www-form-urlencoded\n"));
        return;
    }
    if (!m_authenticator->hasAccounts()) {
        responder.respond(failure(request, 503, "accounts_unavailable", "login.unavailable"));
        return;
    }
    const QHostAddress peer = responder.clientAddress();
    if (const qint64 waitMs = m_throttle.retryAfterMs(peer, monotonicMs())) {
        if (m_metrics)
            m_metrics->countLogin("throttled");
        qCInfo(lcAuth) << "sign-in throttled for" << peer.toString();
        HttpResponse response = failure(request, 429, "too_many_attempts", "login.throttled");
        response.addHeader("Retry-After", QByteArray::number(qint64(std::ceil(double(waitMs) / 1000.0))));
        responder.respond(response);
        return;
    }
    if (m_inFlight >= s_maxInFlight) {
        HttpResponse response = failure(request, 503, "busy", "login.unavailable");
        response.addHeader("Retry-After", "1");
        responder.respond(response);
        return;
    }
    // Counted as a failure now, when it starts, and forgiven if it succeeds: attempts still being
    // verified in the pool count against the limit, so a burst of them cannot all get through.
    m_throttle.recordFailure(peer, monotonicMs());
    const QString name = formValue(request.body, "name").trimmed();
    QByteArray password = formValue(request.body, "password").toUtf8();
    if (name.isEmpty() || name.size() > s_maxNameLength || password.isEmpty()
        || password.size() > s_maxPasswordLength) {
        if (m_metrics)
            m_metrics->countLogin("failed");
        responder.respond(failure(request, 401, "invalid_credentials", "login.failed"));
        return;
    }
    const auto account = m_authenticator->accounts()->account(name);
    const QString stored = account ? account->passwordHash : PasswordHasher::decoyHash();
    const bool exists = account.has_value();

    // The responder travels with the task and comes back in the queued call: the answer is given on this
    // thread, once the pool verified the password.
    ++m_inFlight;
    m_pool.start([this, responder, request, name, password, stored, exists]() mutable {
        const bool verified = PasswordHasher::verify(password, stored) && exists;
        password.fill('\0');
        QMetaObject::invokeMethod(
            this, [this, responder, request, name, verified] { finishLogin(responder, request, name, verified); },
            Qt::QueuedConnection);
    });
}

void LoginHandler::finishLogin(HttpResponder responder, const HttpRequest &request, const QString &name, bool verified)
{
    --m_inFlight;
    const QHostAddress peer = responder.clientAddress();
    if (!verified) {
        if (m_metrics)
            m_metrics->countLogin("failed");
        qCInfo(lcAuth) << "failed sign-in from" << peer.toString();
        responder.respond(failure(request, 401, "invalid_credentials", "login.failed"));
        return;
    }
    m_throttle.recordSuccess(peer); // the right password: the attempts counted so far are forgiven
    if (!responder.isPending())
        return;
    const auto session = m_authenticator->startSession(name, m_settings.sessionLifetimeSeconds);
    if (!session) {
        responder.respond(failure(request, 503, "store_failed", "login.unavailable"));
        return;
    }
    if (m_metrics)
        m_metrics->countLogin("ok");
    qCInfo(lcAuth) << "signed in" << name << "from" << peer.toString();
    if (wantsJson(request)) {
        HttpResponse response =
            HttpResponse::json(200, QJsonDocument(QJsonObject{{u"token"_s, QString::fromLatin1(session->token)},
                                                              {u"user"_s, session->account},
                                                              {u"expires"_s, session->expires.toString(Qt::ISODate)}})
                                        .toJson(QJsonDocument::Compact));
        response.addHeader("Cache-Control", "no-store");
        responder.respond(response);
        return;
    }
    HttpResponse response = HttpResponse::text(303, "See Other\n");
    response.addHeader("Location", safeNext(formValue(request.body, "next").toUtf8()));
    QByteArray cookie = Authenticator::cookieName.toByteArray() + '=' + session->token + "; Path=/; Max-Age="
                        + QByteArray::number(m_settings.sessionLifetimeSeconds) + "; HttpOnly; SameSite=Strict";
    if (m_settings.secureCookies)
        cookie += "; Secure";
    response.addHeader("Set-Cookie", cookie);
    response.addHeader("Cache-Control", "no-store");
    responder.respond(response);
}

void LoginHandler::logout(const HttpRequest &request, HttpResponder responder)
{
    for (const QByteArray &sessionHash : m_authenticator->endSession(request))
        Q_EMIT sessionEnded(sessionHash);
    if (wantsJson(request)) {
        responder.respond(HttpResponse::json(200, "{}"));
        return;
    }
    HttpResponse response = HttpResponse::text(303, "See Other\n");
    response.addHeader("Location", "/login");
    QByteArray cookie = Authenticator::cookieName.toByteArray() + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
    if (m_settings.secureCookies)
        cookie += "; Secure";
    response.addHeader("Set-Cookie", cookie);
    responder.respond(response);
}

} // namespace Kaiwa::Server
