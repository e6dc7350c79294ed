// SPDX-License-Identifier: MIT
// Optional accounts against a real daemon: the `user` commands, --require-login for pages, API and
// upgrades (401/403 before any 101), browser cookies, desktop tokens, verified names, and the limit
// on password guessing.
#include "util/httpexchange.h"
#include "util/servercommand.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

const QByteArray s_password = "correct horse 1";

/// Runs `kaiwa-server --database DB <arguments>` with `input` on its (non-terminal) stdin.
ServerCommand runCommand(const QString &database, const QStringList &arguments, const QByteArray &input = {})
{
    return ServerCommand::run(QStringList{u"--database"_s, database} + arguments, input);
}

QByteArray form(const QByteArray &name, const QByteArray &password, const QByteArray &next = {})
{
    QByteArray body = "name=" + name.toPercentEncoding() + "&password=" + password.toPercentEncoding();
    if (!next.isEmpty())
        body += "&next=" + next.toPercentEncoding();
    return body;
}

const QByteArray s_formType = "Content-Type: application/x-www-form-urlencoded\r\n";

/// A token for the desktop client: POST /login with Accept: application/json.
QByteArray desktopToken(quint16 port, const QByteArray &name, const QByteArray &password)
{
    const auto response =
        HttpExchange::run(port, "POST", "/login", s_formType + "Accept: application/json\r\n", form(name, password));
    if (response.status != 200)
        return {};
    return QJsonDocument::fromJson(response.body).object().value("token"_L1).toString().toLatin1();
}

/// The raw upgrade request of a WebSocket client, to see the status before any 101.
HttpExchange upgrade(quint16 port, const QByteArray &target, const QByteArray &extraHeaders = {})
{
    return HttpExchange::run(port, "GET", target,
                             "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                 + extraHeaders);
}

/// Opens a kaiwa.v1 WebSocket with an Authorization header.
bool openWithBearer(WsClient &client, quint16 port, const QByteArray &path, const QByteArray &token)
{
    QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1%2"_s.arg(port).arg(QString::fromUtf8(path))));
    request.setRawHeader("Sec-WebSocket-Protocol", "kaiwa.v1");
    request.setRawHeader("Authorization", "Bearer " + token);
    QSignalSpy connected(&client.socket(), &QWebSocket::connected);
    client.socket().open(request);
    return connected.wait(10000) || connected.size() > 0;
}

QJsonObject lastChatMessage(const WsClient &client)
{
    const auto messages = client.framesOfType(u"chat.message"_s);
    return messages.isEmpty() ? QJsonObject() : messages.last();
}

} // namespace

class TestAccounts : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString database() const { return m_dir.filePath(u"kaiwa.sqlite"_s); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const auto added = runCommand(database(), {u"user"_s, u"add"_s, u"alice"_s}, s_password + '\n');
        QCOMPARE(added.exitCode, 0);
        QVERIFY2(added.out.contains("added account alice"), added.out.constData());
    }

    void accountCommands()
    {
        const QString db = m_dir.filePath(u"cli.sqlite"_s);
        QCOMPARE(runCommand(db, {u"user"_s, u"add"_s, u"bob"_s}, "bobs password\n").exitCode, 0);
        const auto again = runCommand(db, {u"user"_s, u"add"_s, u"bob"_s}, "another one\n");
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains("exists already"));
        QCOMPARE(runCommand(db, {u"user"_s, u"add"_s, u"carol"_s}, "short\n").exitCode, 1);
        QCOMPARE(runCommand(db, {u"user"_s, u"add"_s, u" spaced "_s}, "long enough pw\n").exitCode, 2);
        QCOMPARE(runCommand(db, {u"user"_s, u"frobnicate"_s, u"bob"_s}).exitCode, 2);
        QCOMPARE(runCommand(db, {u"user"_s, u"add"_s, u"雑談好き"_s}, "日本語のパスワード\n").exitCode, 0);

        const auto list = runCommand(db, {u"user"_s, u"list"_s});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.out, "bob\n雑談好き\n"_ba);

        QCOMPARE(runCommand(db, {u"user"_s, u"passwd"_s, u"nobody"_s}, "whatever123\n").exitCode, 1);
        const auto changed = runCommand(db, {u"user"_s, u"passwd"_s, u"bob"_s}, "new bob password\n");
        QCOMPARE(changed.exitCode, 0);
        QCOMPARE(runCommand(db, {u"user"_s, u"remove"_s, u"雑談好き"_s}).exitCode, 0);
        QCOMPARE(runCommand(db, {u"user"_s, u"remove"_s, u"雑談好き"_s}).exitCode, 1);
        QCOMPARE(runCommand(db, {u"user"_s, u"list"_s}).out, "bob\n"_ba);

        // Only a slow salted hash is stored; neither the store nor the log ever holds the password.
        QFile file(db);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        for (const QString &suffix : {u"-wal"_s}) {
            QFile extra(db + suffix);
            if (extra.open(QIODevice::ReadOnly))
                bytes += extra.readAll();
        }
        QVERIFY(!bytes.contains("new bob password"));
        QVERIFY(!bytes.contains("bobs password"));
        QVERIFY(bytes.contains("pbkdf2-sha256$600000$"));
        QVERIFY(!changed.err.contains("new bob password"));

        // The new password works, the old one does not.
        ServerProcess server({u"--database"_s, db});
        QVERIFY(server.start());
        QVERIFY(desktopToken(server.port(), "bob", "bobs password").isEmpty());
        QVERIFY(!desktopToken(server.port(), "bob", "new bob password").isEmpty());
        QVERIFY(!server.log().contains("new bob password"));
    }

    void loginRequiredPages()
    {
        ServerProcess server({u"--database"_s, database(), u"--require-login"_s});
        QVERIFY(server.start());
        const quint16 port = server.port();

        auto page = HttpExchange::run(port, "GET", "/chat/lobby/");
        QCOMPARE(page.status, 302);
        QCOMPARE(page.header("location"), "/login?next=/chat/lobby/");
        QCOMPARE(HttpExchange::run(port, "GET", "/api/rooms").status, 401);
        QCOMPARE(HttpExchange::run(port, "GET", "/static/kaiwa.css").status, 200);

        const auto loginPage = HttpExchange::run(port, "GET", "/login?next=/chat/lobby/");
        QCOMPARE(loginPage.status, 200);
        QVERIFY(loginPage.body.contains("id=\"login-form\""));
        QVERIFY(loginPage.body.contains("value=\"/chat/lobby/\""));
        QVERIFY(loginPage.header("content-security-policy").contains("form-action 'self'"));
        QVERIFY(HttpExchange::run(port, "GET", "/login", "Accept-Language: ja\r\n").body.contains("ログイン"));

        // A wrong password: the page again, with the error, and no cookie.
        const auto wrong = HttpExchange::run(port, "POST", "/login", s_formType, form("alice", "wrong password"));
        QCOMPARE(wrong.status, 401);
        QVERIFY(wrong.body.contains("Wrong account name or password."));
        QVERIFY(wrong.header("set-cookie").isEmpty());

        // An open redirect is not possible: next must be one of our pages.
        const auto evilNext =
            HttpExchange::run(port, "POST", "/login", s_formType, form("alice", s_password, "//evil.example/"));
        QCOMPARE(evilNext.status, 303);
        QCOMPARE(evilNext.header("location"), "/chat/");

        const auto ok =
            HttpExchange::run(port, "POST", "/login", s_formType, form("alice", s_password, "/chat/lobby/"));
        QCOMPARE(ok.status, 303);
        QCOMPARE(ok.header("location"), "/chat/lobby/");
        const QByteArray cookie = ok.header("set-cookie");
        QVERIFY2(cookie.startsWith("kaiwa_session="), cookie.constData());
        QVERIFY(cookie.contains("; HttpOnly"));
        QVERIFY(cookie.contains("; SameSite=Strict"));
        QVERIFY(cookie.contains("; Path=/"));
        QVERIFY(!cookie.contains("Secure")); // plain http
        const QByteArray session = cookie.first(cookie.indexOf(';'));
        QCOMPARE(session.size(), qsizetype(14 + 43));

        QCOMPARE(HttpExchange::run(port, "GET", "/chat/lobby/", "Cookie: " + session + "\r\n").status, 200);
        QCOMPARE(HttpExchange::run(port, "GET", "/api/rooms", "Cookie: other=1; " + session + "\r\n").status, 200);

        // A token in a page's or the API's URL is ignored (it would end up in histories, logs and
        // Referer headers): only the upgrade takes ?token=, for clients that cannot set a header there.
        const QByteArray token = desktopToken(port, "alice", s_password);
        QCOMPARE(token.size(), qsizetype(43));
        QCOMPARE(HttpExchange::run(port, "GET", "/api/rooms?token=" + token).status, 401);
        QCOMPARE(HttpExchange::run(port, "GET", "/chat/lobby/?token=" + token).status, 302);
        QCOMPARE(HttpExchange::run(port, "GET", "/api/rooms", "Authorization: Bearer " + token + "\r\n").status, 200);
        QCOMPARE(HttpExchange::run(port, "POST", "/logout?token=" + token, "Accept: application/json\r\n").status, 200);
        QCOMPARE(HttpExchange::run(port, "GET", "/api/rooms", "Authorization: Bearer " + token + "\r\n").status, 200);

        // CSRF: another site cannot post the form, nor sign the browser out.
        QCOMPARE(HttpExchange::run(port, "POST", "/login", s_formType + "Origin: http://evil.example\r\n",
                                   form("alice", s_password))
                     .status,
                 403);
        QCOMPARE(
            HttpExchange::run(port, "POST", "/logout", "Origin: http://evil.example\r\nCookie: " + session + "\r\n")
                .status,
            403);
        // Same origin: signing out ends the session and clears the cookie.
        const auto logout = HttpExchange::run(port, "POST", "/logout",
                                              "Origin: http://127.0.0.1:" + QByteArray::number(port)
                                                  + "\r\nCookie: " + session + "\r\n");
        QCOMPARE(logout.status, 303);
        QVERIFY(logout.header("set-cookie").contains("Max-Age=0"));
        QCOMPARE(HttpExchange::run(port, "GET", "/chat/lobby/", "Cookie: " + session + "\r\n").status, 302);

        // Other methods on other paths stay refused.
        QCOMPARE(HttpExchange::run(port, "POST", "/chat/lobby/", s_formType, "x=1").status, 405);
        QVERIFY(!server.log().contains(s_password));
    }

    void loginRequiredUpgrades()
    {
        ServerProcess server({u"--database"_s, database(), u"--require-login"_s});
        QVERIFY(server.start());
        const quint16 port = server.port();

        // Refused before any 101.
        const auto anonymous = upgrade(port, "/ws/chat/lobby/");
        QCOMPARE(anonymous.status, 401);
        QVERIFY(anonymous.header("www-authenticate").startsWith("Bearer"));
        const auto badToken =
            upgrade(port, "/ws/chat/lobby/", "Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n");
        QCOMPARE(badToken.status, 401);
        QVERIFY(badToken.header("www-authenticate").contains("invalid_token"));
        QCOMPARE(upgrade(port, "/ws/chat/lobby/?token=nonsense").status, 401);
        // Origin is still checked first (403), whatever the credentials.
        QCOMPARE(upgrade(port, "/ws/chat/lobby/", "Origin: http://evil.example\r\n").status, 403);

        WsClient refused;
        QVERIFY(!refused.open(QUrl(u"ws://127.0.0.1:%1/ws/chat/lobby/"_s.arg(port)), 3000));

        // The desktop client: a token from POST /login, then Authorization: Bearer on the upgrade.
        const QByteArray token = desktopToken(port, "alice", s_password);
        QCOMPARE(token.size(), qsizetype(43));
        WsClient alice(true);
        QVERIFY(openWithBearer(alice, port, "/ws/chat/lobby/?name=mallory", token));
        QVERIFY(alice.waitForFrames(1));
        QCOMPARE(alice.frames().first().value("user"_L1).toString(), u"alice"_s); // the account, not ?name=
        alice.sendJson({{"message"_L1, u"signed hello"_s}});
        QTRY_VERIFY(!lastChatMessage(alice).isEmpty());
        QCOMPARE(lastChatMessage(alice).value("user"_L1).toString(), u"alice"_s);
        QCOMPARE(lastChatMessage(alice).value("verified"_L1).toBool(), true);

        // The same token as ?token= (what a browser-like client without headers can do).
        WsClient viaQuery;
        QVERIFY(viaQuery.open(
            QUrl(u"ws://127.0.0.1:%1/ws/chat/lobby/?token=%2"_s.arg(port).arg(QString::fromLatin1(token)))));
        QVERIFY(viaQuery.waitForFrames(1)); // history: the signed message
        QCOMPARE(viaQuery.frames().last().value("verified"_L1).toBool(), true);

        // Signing out ends the token.
        QCOMPARE(HttpExchange::run(port, "POST", "/logout",
                                   "Accept: application/json\r\nAuthorization: Bearer " + token + "\r\n")
                     .status,
                 200);
        QCOMPARE(upgrade(port, "/ws/chat/lobby/", "Authorization: Bearer " + token + "\r\n").status, 401);
    }

    void verifiedWithoutRequireLogin()
    {
        ServerProcess server({u"--database"_s, database()});
        QVERIFY(server.start());
        const quint16 port = server.port();
        WsClient anonymous(true);
        QVERIFY(anonymous.open(QUrl(u"ws://127.0.0.1:%1/ws/chat/open/?name=alice"_s.arg(port))));
        anonymous.sendJson({{"message"_L1, u"not really alice"_s}});
        QTRY_VERIFY(!lastChatMessage(anonymous).isEmpty());
        QCOMPARE(lastChatMessage(anonymous).value("user"_L1).toString(), u"alice"_s);
        QVERIFY(!lastChatMessage(anonymous).contains("verified"_L1));

        WsClient signedIn(true);
        QVERIFY(openWithBearer(signedIn, port, "/ws/chat/open/", desktopToken(port, "alice", s_password)));
        signedIn.sendJson({{"message"_L1, u"the real alice"_s}});
        QTRY_COMPARE(lastChatMessage(anonymous).value("message"_L1).toString(), u"the real alice"_s);
        QCOMPARE(lastChatMessage(anonymous).value("verified"_L1).toBool(), true);

        // The history keeps the difference.
        WsClient late;
        QVERIFY(late.open(QUrl(u"ws://127.0.0.1:%1/ws/chat/open/"_s.arg(port))));
        QVERIFY(late.waitForFrames(2));
        QVERIFY(!late.frames().at(0).contains("verified"_L1));
        QCOMPARE(late.frames().at(1).value("verified"_L1).toBool(), true);
    }

    void bruteForceLimit()
    {
        ServerProcess server({u"--database"_s, database(), u"--login-attempts"_s, u"3"_s});
        QVERIFY(server.start());
        const quint16 port = server.port();
        const QByteArray json = s_formType + "Accept: application/json\r\n";
        for (int i = 0; i < 3; ++i)
            QCOMPARE(
                HttpExchange::run(port, "POST", "/login", json, form("alice", "guess " + QByteArray::number(i))).status,
                401);
        // Unknown names count too, and the right password no longer helps this address.
        const auto throttled = HttpExchange::run(port, "POST", "/login", json, form("alice", s_password));
        QCOMPARE(throttled.status, 429);
        const int retryAfter = throttled.header("retry-after").toInt();
        QVERIFY2(retryAfter > 0 && retryAfter <= 60, throttled.head.constData());
        QCOMPARE(QJsonDocument::fromJson(throttled.body).object().value("error"_L1).toString(), u"too_many_attempts"_s);
        const auto page = HttpExchange::run(port, "POST", "/login", s_formType, form("nobody", "x"));
        QCOMPARE(page.status, 429);
        QVERIFY(page.body.contains("Too many failed attempts"));

        const auto metrics = HttpExchange::run(port, "GET", "/metrics");
        QVERIFY(metrics.body.contains("kaiwa_logins_total{result=\"failed\"} 3"));
        QVERIFY(metrics.body.contains("kaiwa_logins_total{result=\"throttled\"} 2"));
    }

    void concurrentGuessesAreCountedWhenTheyStart()
    {
        // Hashing runs in a thread pool: attempts still being verified must count against the limit,
        // or a burst of them all gets a password check.
        ServerProcess server({u"--database"_s, database(), u"--login-attempts"_s, u"5"_s});
        QVERIFY(server.start());
        const quint16 port = server.port();
        constexpr int attempts = 12;
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < attempts; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(socket->waitForConnected(5000));
            sockets.push_back(std::move(socket));
        }
        // Every request is written before the first answer can come back.
        for (int i = 0; i < attempts; ++i) {
            const QByteArray body = form("alice", "guess " + QByteArray::number(i));
            sockets[i]->write("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + s_formType
                              + "Accept: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                              + "\r\n\r\n" + body);
            QVERIFY(sockets[i]->flush()); // now, not when this socket's turn to be read comes
        }
        QMap<int, int> statuses;
        for (const auto &socket : sockets) {
            QByteArray response;
            while (socket->state() == QAbstractSocket::ConnectedState && socket->waitForReadyRead(30000))
                response += socket->readAll();
            response += socket->readAll();
            ++statuses[response.mid(9, 3).toInt()];
        }
        QCOMPARE(statuses.value(401), 5);
        QCOMPARE(statuses.value(429), attempts - 5);
        const auto metrics = HttpExchange::run(port, "GET", "/metrics");
        QVERIFY(metrics.body.contains("kaiwa_logins_total{result=\"failed\"} 5"));
    }

    void bruteForceLimitPerClientBehindATrustedProxy()
    {
        // Behind a reverse proxy every sign-in comes from loopback: one guesser would lock everyone
        // out. With the proxy listed, the throttle counts per forwarded client.
        ServerProcess server(
            {u"--database"_s, database(), u"--login-attempts"_s, u"2"_s, u"--trusted-proxy"_s, u"127.0.0.1"_s});
        QVERIFY(server.start());
        const quint16 port = server.port();
        const auto login = [port](const QByteArray &client, const QByteArray &password) {
            return HttpExchange::run(port, "POST", "/login",
                                     s_formType + "Accept: application/json\r\nX-Forwarded-For: " + client + "\r\n",
                                     form("alice", password))
                .status;
        };
        QCOMPARE(login("203.0.113.1", "guess 1"), 401);
        QCOMPARE(login("203.0.113.1", "guess 2"), 401);
        QCOMPARE(login("203.0.113.1", s_password), 429);
        // A guesser cannot escape by claiming another address left of what the proxy appended.
        QCOMPARE(login("198.51.100.7, 203.0.113.1", s_password), 429);
        // Another client signs in.
        QCOMPARE(login("203.0.113.2", s_password), 200);
        QTRY_VERIFY(server.log().contains("failed sign-in from \"203.0.113.1\""));
        QTRY_VERIFY(server.log().contains("sign-in throttled for \"203.0.113.1\""));
    }
};

QTEST_GUILESS_MAIN(TestAccounts)
#include "tst_accounts.moc"
