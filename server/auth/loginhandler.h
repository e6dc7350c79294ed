// SPDX-License-Identifier: MIT
#pragma once

#include "loginthrottle.h"
#include "transport/httpresponder.h"

#include <QObject>
#include <QThreadPool>

namespace Kaiwa::Server {

class Authenticator;
class Metrics;
class OriginPolicy;
class PageRenderer;
struct HttpRequest;
struct HttpResponse;

/**
 * `GET /login` (the sign-in page), `POST /login` and `POST /logout`.
 *
 * POST /login takes an `application/x-www-form-urlencoded` body: `name`, `password`, and for
 * browsers `next` (where to go afterwards, a /chat/ path). A browser gets a 303 and an HttpOnly,
 * SameSite=Strict session cookie (Secure over TLS); a client that sends `Accept: application/json`
 * (the desktop client) gets `{"token", "user", "expires"}` and no cookie. Requests with an Origin
 * that is not the server's own are refused (403): together with SameSite=Strict, no other site can
 * sign a browser in or out.
 *
 * Failed attempts are limited per address (LoginThrottle, 429 with Retry-After); an attempt counts
 * as failed from the moment it starts until its password is verified. The password
 * hash is verified in a worker thread, so the event loop keeps serving chat meanwhile; unknown
 * names are verified against a decoy hash and take as long. Passwords are never logged.
 */
class LoginHandler : public QObject
{
    Q_OBJECT
public:
    struct Settings {
        bool secureCookies = false; ///< TLS: add `Secure` to the cookie.
        qint64 sessionLifetimeSeconds = 30 * 24 * 3600;
        int attemptBurst = 5;           ///< Failed sign-ins in a row per address.
        qint64 attemptRefillMs = 60000; ///< Then one more per this long.
    };

    /// Nothing is owned; everything must outlive the handler. `metrics` may be null.
    LoginHandler(Settings settings, Authenticator *authenticator, const PageRenderer *pages, Metrics *metrics,
                 QObject *parent = nullptr);
    ~LoginHandler() override;

    void setSettings(const Settings &settings);

    /// True for the paths this handler serves.
    static bool handles(QByteArrayView path) { return path == "/login" || path == "/logout"; }
    /// Answers now, or keeps the responder until the password is verified (on the pool's thread).
    void handle(const HttpRequest &request, HttpResponder responder, const OriginPolicy &originPolicy);

    /// A local path to return to after signing in: a /chat/ or /dm/ path, else /chat/.
    static QByteArray safeNext(QByteArrayView next);

Q_SIGNALS:
    /// POST /logout ended the session with this key (SessionToken::hash): its connections must end too.
    void sessionEnded(const QByteArray &sessionHash);

private:
    void login(const HttpRequest &request, HttpResponder responder);
    void logout(const HttpRequest &request, HttpResponder responder);
    void finishLogin(HttpResponder responder, const HttpRequest &request, const QString &name, bool verified);
    HttpResponse loginPage(const HttpRequest &request, int status, const char *errorId) const;
    HttpResponse failure(const HttpRequest &request, int status, const char *errorCode, const char *errorId) const;

    Settings m_settings;
    Authenticator *m_authenticator;
    const PageRenderer *m_pages;
    Metrics *m_metrics;
    LoginThrottle m_throttle;
    int m_inFlight = 0;
    QThreadPool m_pool; ///< Last member: its destructor waits for running verifications first.
};

} // namespace Kaiwa::Server
