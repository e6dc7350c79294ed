// SPDX-License-Identifier: MIT
// LoginHandler in this process, behind a real HttpServer on loopback that routes /login and /logout
// to it as ChatRouter does, and nothing else. Accounts are in SQLite in memory; alice's password hash
// is cheap (1000 iterations), the decoy unknown names are checked against is the real one. The
// server trusts loopback as a proxy, so X-Forwarded-For makes each request a client of its own.
#include "inmemoryaccounts.h"
#include "server/auth/loginhandler.h"
#include "server/auth/originpolicy.h"
#include "server/auth/passwordhasher.h"
#include "server/auth/sessiontoken.h"
#include "server/metrics/metrics.h"
#include "server/pages/pagerenderer.h"
#include "server/transport/httpresponse.h"
#include "server/transport/httpserver.h"
#include "server/transport/requesthandler.h"
#include "util/httpexchange.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Kaiwa::Server;
using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

const QByteArray s_password = "correct horse 1";
const QByteArray s_formType = "Content-Type: application/x-www-form-urlencoded\r\n";
const QByteArray s_wantsJson = "Accept: application/json\r\n";

/// The sign-in form as a browser posts it.
QByteArray form(const QByteArray &name, const QByteArray &password, const QByteArray &next = {})
{
    QByteArray body = "name=" + name.toPercentEncoding() + "&password=" + password.toPercentEncoding();
    if (!next.isEmpty())
        body += "&next=" + next.toPercentEncoding();
    return body;
}

QByteArray from(const QByteArray &client)
{
    return "X-Forwarded-For: " + client + "\r\n";
}

QJsonObject json(const HttpExchange &exchange)
{
    return QJsonDocument::fromJson(exchange.body).object();
}

/// What ChatRouter does with /login and /logout: hands them to the handler with the origin policy.
class LoginRoutes : public RequestHandler
{
public:
    explicit LoginRoutes(LoginHandler *login)
        : m_login(login)
    {
    }
    void handleRequest(const HttpRequest &request, HttpResponder responder) override
    {
        if (LoginHandler::handles(request.path))
            m_login->handle(request, std::move(responder), m_origins);
        else
            responder.respond(HttpResponse::text(404, "Not Found\n"));
    }

private:
    LoginHandler *m_login;
    OriginPolicy m_origins; ///< The default: the server's own origin, or none.
};

} // namespace

class TestLoginHandler : public QObject
{
    Q_OBJECT

private:
    /// A new handler with `settings` (and its own throttle and counters) behind a new server.
    void serve(const LoginHandler::Settings &settings, Authenticator *authenticator)
    {
        m_server.reset();
        m_routes.reset();
        m_login.reset();
        m_metrics = std::make_unique<Metrics>();
        m_login = std::make_unique<LoginHandler>(settings, authenticator, &m_pages, m_metrics.get());
        m_routes = std::make_unique<LoginRoutes>(m_login.get());
        HttpServer::Settings server;
        server.head.maxBodyBytes = 4096;
        server.trustedProxies = *TrustedProxies::parse(u"127.0.0.1"_s);
        m_server = std::make_unique<HttpServer>(server, m_routes.get());
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    }
    quint16 port() const { return m_server->serverPort(); }

    /// POST /login as the desktop client does it (JSON answer), from `client`.
    HttpExchange signIn(const QByteArray &name, const QByteArray &password, const QByteArray &client = "192.0.2.1")
    {
        return HttpExchange::run(port(), "POST", "/login", s_formType + s_wantsJson + from(client),
                                 form(name, password));
    }
    HttpRequestInFlight startSignIn(const QByteArray &name, const QByteArray &password, const QByteArray &client)
    {
        return {port(), "POST", "/login", s_formType + s_wantsJson + from(client), form(name, password)};
    }
    /// The account a session token stands for now; empty for none.
    QString accountOf(const QByteArray &token)
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        return m_accounts->sessionAccount(SessionToken::hash(token), now).value_or(QString());
    }
    /// kaiwa_logins_total{result=...} as GET /metrics would show it (0 when absent).
    int logins(QByteArrayView result) const
    {
        const QByteArray line = "kaiwa_logins_total{result=\"" + result.toByteArray() + "\"} ";
        for (const QByteArray &sample : m_metrics->render().split('\n')) {
            if (sample.startsWith(line))
                return sample.sliced(line.size()).toInt();
        }
        return 0;
    }

    PageRenderer m_pages;
    InMemoryAccounts m_fixture;
    AccountStore *m_accounts = nullptr;
    Authenticator *m_authenticator = nullptr;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<LoginHandler> m_login;
    std::unique_ptr<LoginRoutes> m_routes;
    std::unique_ptr<HttpServer> m_server; ///< Last: its connections reach the handler until they are gone.

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_fixture.open(PasswordHasher::hash(s_password, 1000)));
        m_accounts = m_fixture.accounts.get();
        m_authenticator = m_fixture.authenticator.get();
        serve({}, m_authenticator);
    }
    void cleanup()
    {
        m_server.reset();
        m_routes.reset();
        m_login.reset();
        m_fixture.close();
    }

    void signInPage()
    {
        const auto page = HttpExchange::run(port(), "GET", "/login?next=%2Fchat%2Flobby%2F");
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("content-type").startsWith("text/html"));
        QVERIFY2(page.body.contains("name=\"next\" value=\"/chat/lobby/\""), page.body.constData());
        // No script at all, a form that posts only here, no framing, no cache.
        QVERIFY(page.header("content-security-policy").contains("default-src 'none'"));
        QVERIFY(page.header("content-security-policy").contains("form-action 'self'"));
        QCOMPARE(page.header("x-frame-options"), "DENY"_ba);
        QCOMPARE(page.header("cache-control"), "no-store"_ba);
        // A sign-in leads to this server's chat pages only.
        const auto elsewhere = HttpExchange::run(port(), "GET", "/login?next=https%3A%2F%2Fevil.example%2Fchat%2F");
        QVERIFY(elsewhere.body.contains("name=\"next\" value=\"/chat/\""));
        QCOMPARE(HttpExchange::run(port(), "HEAD", "/login").status, 200);
    }

    void methodNotAllowed_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("allow");
        QTest::newRow("PUT /login") << QByteArray("PUT") << QByteArray("/login") << QByteArray("GET, HEAD, POST");
        QTest::newRow("GET /logout") << QByteArray("GET") << QByteArray("/logout") << QByteArray("POST");
        QTest::newRow("DELETE /logout") << QByteArray("DELETE") << QByteArray("/logout") << QByteArray("POST");
    }
    void methodNotAllowed()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, allow);
        const auto answer = HttpExchange::run(port(), method, path);
        QCOMPARE(answer.status, 405);
        QCOMPARE(answer.header("allow"), allow);
    }

    /// CSRF: no page of another site can sign a browser in or out.
    void originIsChecked_data()
    {
        QTest::addColumn<QByteArray>("origins"); ///< Origin header lines; PORT is the server's.
        QTest::addColumn<bool>("allowed");
        QTest::newRow("no Origin (desktop client)") << QByteArray() << true;
        QTest::newRow("this server") << QByteArray("Origin: http://127.0.0.1:PORT\r\n") << true;
        QTest::newRow("another site") << QByteArray("Origin: http://evil.example\r\n") << false;
        QTest::newRow("another port") << QByteArray("Origin: http://127.0.0.1:1\r\n") << false;
        QTest::newRow("null") << QByteArray("Origin: null\r\n") << false;
        QTest::newRow("two Origin headers")
            << QByteArray("Origin: http://127.0.0.1:PORT\r\nOrigin: http://evil.example\r\n") << false;
    }
    void originIsChecked()
    {
        QFETCH(QByteArray, origins);
        QFETCH(bool, allowed);
        origins.replace("PORT", QByteArray::number(port()));
        const auto signedIn =
            HttpExchange::run(port(), "POST", "/login", s_formType + s_wantsJson + origins, form("alice", s_password));
        QCOMPARE(signedIn.status, allowed ? 200 : 403);
        QCOMPARE(logins("ok") + logins("failed"), allowed ? 1 : 0); // a refused request is no attempt

        const auto session = m_authenticator->startSession(u"alice"_s, 600);
        QVERIFY(session);
        QSignalSpy ended(m_login.get(), &LoginHandler::sessionEnded);
        const QByteArray cookie = "Cookie: kaiwa_session=" + session->token + "\r\n";
        const auto signedOut = HttpExchange::run(port(), "POST", "/logout", s_wantsJson + origins + cookie);
        QCOMPARE(signedOut.status, allowed ? 200 : 403);
        QCOMPARE(ended.size(), allowed ? 1 : 0);
        QCOMPARE(accountOf(session->token).isEmpty(), allowed);
    }

    void onlyFormsAreAccepted_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("none") << QByteArray();
        QTest::newRow("JSON") << QByteArray("Content-Type: application/json\r\n");
        QTest::newRow("multipart") << QByteArray("Content-Type: multipart/form-data; boundary=x\r\n");
    }
    void onlyFormsAreAccepted()
    {
        QFETCH(QByteArray, contentType);
        const auto answer = HttpExchange::run(port(), "POST", "/login", contentType + s_wantsJson,
                                              R"({"name": "alice", "password": "correct horse 1"})");
        QCOMPARE(answer.status, 415);
        QCOMPARE(logins("ok") + logins("failed"), 0);
    }

    void withoutAccountsSignInIsUnavailable()
    {
        Authenticator none(nullptr);
        serve({}, &none);
        const auto desktop = signIn("alice", s_password);
        QCOMPARE(desktop.status, 503);
        QCOMPARE(json(desktop).value("error"_L1).toString(), u"accounts_unavailable"_s);
        const auto browser = HttpExchange::run(port(), "POST", "/login", s_formType, form("alice", s_password));
        QCOMPARE(browser.status, 503);
        QVERIFY(browser.header("content-type").startsWith("text/html")); // the form again, saying why
    }

    void credentials_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("right") << QByteArray("alice") << s_password << true;
        QTest::newRow("name with spaces around") << QByteArray("  alice ") << s_password << true;
        QTest::newRow("wrong password") << QByteArray("alice") << QByteArray("correct horse 2") << false;
        QTest::newRow("password with a space more") << QByteArray("alice") << s_password + ' ' << false;
        QTest::newRow("unknown name") << QByteArray("mallory") << s_password << false;
        QTest::newRow("empty name") << QByteArray() << s_password << false;
        QTest::newRow("empty password") << QByteArray("alice") << QByteArray() << false;
        QTest::newRow("name of 65 characters") << QByteArray(65, 'a') << s_password << false;
        QTest::newRow("password of 1025 bytes") << QByteArray("alice") << QByteArray(1025, 'p') << false;
    }
    void credentials()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, password);
        QFETCH(bool, accepted);
        const auto answer = signIn(name, password);
        QVERIFY(answer.header("set-cookie").isEmpty()); // the desktop client keeps the token itself
        if (!accepted) {
            // Unknown names and wrong passwords get the same answer.
            QCOMPARE(answer.status, 401);
            QCOMPARE(answer.body, R"({"error":"invalid_credentials"})"_ba);
            QCOMPARE(logins("failed"), 1);
            return;
        }
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.header("cache-control"), "no-store"_ba);
        const QJsonObject session = json(answer);
        QCOMPARE(session.value("user"_L1).toString(), u"alice"_s);
        const QByteArray token = session.value("token"_L1).toString().toLatin1();
        QVERIFY(SessionToken::isWellFormed(token));
        QCOMPARE(accountOf(token), u"alice"_s);
        const QDateTime expires = QDateTime::fromString(session.value("expires"_L1).toString(), Qt::ISODate);
        const qint64 lifetime = LoginHandler::Settings{}.sessionLifetimeSeconds;
        QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(expires) - lifetime) < 60);
        QCOMPARE(logins("ok"), 1);
    }

    void formIsDecoded_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("percent-encoded") << QByteArray("name=alice&password=correct%20horse%201") << 200;
        QTest::newRow("+ for spaces") << QByteArray("name=alice&password=correct+horse+1") << 200;
        QTest::newRow("fields in another order") << QByteArray("password=correct+horse+1&x=y&name=alice") << 200;
        QTest::newRow("an encoded + is a +") << QByteArray("name=alice&password=correct%2Bhorse%2B1") << 401;
        QTest::newRow("no password field") << QByteArray("name=alice") << 401;
    }
    void formIsDecoded()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QCOMPARE(HttpExchange::run(port(), "POST", "/login", s_formType + s_wantsJson, body).status, status);
    }

    /// A browser gets a cookie it cannot read from script or send from other sites, and is sent on.
    void browserGetsCookieAndRedirect_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::addColumn<QByteArray>("next");
        QTest::addColumn<QByteArray>("location");
        QTest::newRow("plain, to a room") << false << QByteArray("/chat/lobby/") << QByteArray("/chat/lobby/");
        QTest::newRow("TLS, to a room") << true << QByteArray("/chat/lobby/") << QByteArray("/chat/lobby/");
        QTest::newRow("no next") << false << QByteArray() << QByteArray("/chat/");
        QTest::newRow("next on another site")
            << false << QByteArray("https://evil.example/chat/") << QByteArray("/chat/");
    }
    void browserGetsCookieAndRedirect()
    {
        QFETCH(bool, tls);
        QFETCH(QByteArray, next);
        QFETCH(QByteArray, location);
        LoginHandler::Settings settings;
        settings.secureCookies = tls;
        serve(settings, m_authenticator);
        const auto answer = HttpExchange::run(port(), "POST", "/login", s_formType, form("alice", s_password, next));
        QCOMPARE(answer.status, 303);
        QCOMPARE(answer.header("location"), location);
        QCOMPARE(answer.header("cache-control"), "no-store"_ba);
        const QByteArray cookie = answer.header("set-cookie");
        QVERIFY2(cookie.startsWith("kaiwa_session="), cookie.constData());
        const QByteArray token = cookie.sliced(14, cookie.indexOf(';') - 14);
        QCOMPARE(accountOf(token), u"alice"_s);
        const QByteArray attributes = "; Path=/; Max-Age=" + QByteArray::number(settings.sessionLifetimeSeconds)
                                      + "; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "");
        QCOMPARE(cookie.sliced(14 + token.size()), attributes);

        // A failed attempt shows the form again, with why.
        const auto failed = HttpExchange::run(port(), "POST", "/login", s_formType, form("alice", "wrong", next));
        QCOMPARE(failed.status, 401);
        QVERIFY(failed.header("content-type").startsWith("text/html"));
        QVERIFY(failed.header("set-cookie").isEmpty());
    }

    void safeNext_data()
    {
        QTest::addColumn<QByteArray>("next");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("a room") << QByteArray("/chat/lobby/") << QByteArray("/chat/lobby/");
        QTest::newRow("an encoded room") << QByteArray("/chat/%E9%9B%91%E8%AB%87/")
                                         << QByteArray("/chat/%E9%9B%91%E8%AB%87/");
        QTest::newRow("the lobby") << QByteArray("/chat/") << QByteArray("/chat/");
        QTest::newRow("empty") << QByteArray() << QByteArray("/chat/");
        QTest::newRow("another page here") << QByteArray("/login") << QByteArray("/chat/");
        QTest::newRow("another site") << QByteArray("https://evil.example/chat/") << QByteArray("/chat/");
        QTest::newRow("scheme-relative") << QByteArray("//evil.example/chat/") << QByteArray("/chat/");
        QTest::newRow("double slash inside") << QByteArray("/chat//evil.example/") << QByteArray("/chat/");
        QTest::newRow("backslash, read as a slash") << QByteArray("/chat/\\evil.example") << QByteArray("/chat/");
        QTest::newRow("a space") << QByteArray("/chat/a b/") << QByteArray("/chat/");
        QTest::newRow("a line break (header injection)")
            << QByteArray("/chat/\r\nSet-Cookie: x=y") << QByteArray("/chat/");
        QTest::newRow("raw UTF-8") << u"/chat/雑談/"_s.toUtf8() << QByteArray("/chat/");
        QTest::newRow("longer than 1024") << "/chat/" + QByteArray(1020, 'a') << QByteArray("/chat/");
    }
    void safeNext()
    {
        QFETCH(QByteArray, next);
        QFETCH(QByteArray, expected);
        QCOMPARE(LoginHandler::safeNext(next), expected);
    }

    void failuresAreThrottledPerClient()
    {
        LoginHandler::Settings settings;
        settings.attemptBurst = 3;
        serve(settings, m_authenticator);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(signIn("alice", "wrong").status, 401);
        // The right password too: guessing must not go on until it is right.
        const auto throttled = signIn("alice", s_password);
        QCOMPARE(throttled.status, 429);
        QCOMPARE(throttled.header("retry-after"), "60"_ba);
        QCOMPARE(json(throttled).value("error"_L1).toString(), u"too_many_attempts"_s);
        const auto browser =
            HttpExchange::run(port(), "POST", "/login", s_formType + from("192.0.2.1"), form("alice", s_password));
        QCOMPARE(browser.status, 429);
        QVERIFY(browser.header("content-type").startsWith("text/html"));
        // Another client is not affected.
        QCOMPARE(signIn("alice", s_password, "192.0.2.2").status, 200);
        QCOMPARE(logins("failed"), 3);
        QCOMPARE(logins("throttled"), 2);
        QCOMPARE(logins("ok"), 1);
    }

    void successForgivesEarlierFailures()
    {
        LoginHandler::Settings settings;
        settings.attemptBurst = 3;
        serve(settings, m_authenticator);
        QCOMPARE(signIn("alice", "wrong").status, 401);
        QCOMPARE(signIn("alice", "wrong").status, 401);
        QCOMPARE(signIn("alice", s_password).status, 200);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(signIn("alice", "wrong").status, 401); // a whole burst again
        QCOMPARE(signIn("alice", "wrong").status, 429);
    }

    /// Attempts being verified count already: a burst sent at once cannot all get through.
    void attemptsCountWhenTheyStart()
    {
        LoginHandler::Settings settings;
        settings.attemptBurst = 3;
        serve(settings, m_authenticator);
        std::vector<HttpRequestInFlight> attempts;
        for (int i = 0; i < 6; ++i)
            attempts.push_back(startSignIn("alice", "wrong", "192.0.2.1"));
        QMap<int, int> statuses;
        for (HttpRequestInFlight &attempt : attempts)
            ++statuses[attempt.finish().status];
        QCOMPARE(statuses.value(401), 3);
        QCOMPARE(statuses.value(429), 3);
    }

    /// At most eight passwords are verified at once; more wait for a 503 instead of queueing without bound.
    void busyWhileEightAreBeingVerified()
    {
        // A hash that takes half a second to verify on this machine (and build: a sanitizer build may
        // hash without OpenSSL, ten times slower) keeps the first eight busy while the ninth arrives.
        QElapsedTimer timer;
        timer.start();
        PasswordHasher::hash(s_password, 200'000);
        const double perIteration = double(timer.nsecsElapsed()) / 200'000;
        const qint64 iterations = std::clamp<qint64>(qint64(500'000'000 / perIteration), 200'000, 50'000'000);
        qInfo("%lld iterations: about 0.5 s", iterations);
        QCOMPARE(m_accounts->addAccount(u"slow"_s, PasswordHasher::hash(s_password, int(iterations))),
                 AccountStore::Result::Ok);
        std::vector<HttpRequestInFlight> attempts;
        for (int i = 0; i < 9; ++i)
            attempts.push_back(startSignIn("slow", "wrong", "192.0.2." + QByteArray::number(i + 1)));
        QMap<int, int> statuses;
        QByteArray busy;
        for (HttpRequestInFlight &attempt : attempts) {
            const HttpExchange answer = attempt.finish(30000);
            ++statuses[answer.status];
            if (answer.status == 503) {
                QCOMPARE(answer.header("retry-after"), "1"_ba);
                busy = answer.body;
            }
        }
        QCOMPARE(statuses.value(401), 8);
        QCOMPARE(statuses.value(503), 1);
        QCOMPARE(busy, R"({"error":"busy"})"_ba);
        // Served again once they are done.
        QCOMPARE(startSignIn("slow", "wrong", "192.0.2.1").finish(30000).status, 401);
    }

    void signOut_data()
    {
        QTest::addColumn<QByteArray>("credentials"); ///< TOKEN is a live session's.
        QTest::addColumn<bool>("desktop");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<bool>("ends");
        QTest::newRow("browser") << QByteArray("Cookie: kaiwa_session=TOKEN\r\n") << false << false << true;
        QTest::newRow("browser over TLS") << QByteArray("Cookie: kaiwa_session=TOKEN\r\n") << false << true << true;
        QTest::newRow("desktop") << QByteArray("Authorization: Bearer TOKEN\r\n") << true << false << true;
        QTest::newRow("no session") << QByteArray() << false << false << false;
        QTest::newRow("unknown session") << QByteArray("Cookie: kaiwa_session=UNKNOWN\r\n") << false << false << false;
    }
    void signOut()
    {
        QFETCH(QByteArray, credentials);
        QFETCH(bool, desktop);
        QFETCH(bool, tls);
        QFETCH(bool, ends);
        LoginHandler::Settings settings;
        settings.secureCookies = tls;
        serve(settings, m_authenticator);
        const auto session = m_authenticator->startSession(u"alice"_s, 600);
        QVERIFY(session);
        credentials.replace("TOKEN", session->token).replace("UNKNOWN", SessionToken::generate());
        QSignalSpy ended(m_login.get(), &LoginHandler::sessionEnded);

        const auto answer = HttpExchange::run(port(), "POST", "/logout", credentials + (desktop ? s_wantsJson : ""));
        if (desktop) {
            QCOMPARE(answer.status, 200);
            QCOMPARE(answer.body, "{}"_ba);
        } else {
            QCOMPARE(answer.status, 303);
            QCOMPARE(answer.header("location"), "/login"_ba);
            const QByteArray cleared = "kaiwa_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
            QCOMPARE(answer.header("set-cookie"), cleared + (tls ? "; Secure" : ""));
        }
        // Its open connections are closed by whoever listens (SessionMonitor).
        QEXPECT_FAIL("unknown session",
                     "SqlAccountStore::removeSession() says whether its DELETE ran, not whether it removed a session",
                     Continue);
        QCOMPARE(ended.size(), ends ? 1 : 0);
        if (ends)
            QCOMPARE(ended.first().first().toByteArray(), SessionToken::hash(session->token));
        QCOMPARE(accountOf(session->token).isEmpty(), ends);
    }
};

QTEST_GUILESS_MAIN(TestLoginHandler)
#include "tst_loginhandler.moc"
