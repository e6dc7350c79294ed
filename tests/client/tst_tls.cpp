// SPDX-License-Identifier: MIT
// kaiwa-server with --tls-cert/--tls-key, certificates made by openssl at test time: https pages,
// wss chat for the desktop client's RoomConnection and a plain QWebSocket, Secure cookies, and a
// client that does not trust the certificate's CA gets a clear error, never a silent fallback.
#include "client/roomconnection.h"
#include "client/signin.h"
#include "util/certificates.h"
#include "util/servercommand.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Kaiwa;
using namespace Kaiwa::Client;
using namespace Qt::StringLiterals;

class TestTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<KaiwaTest::ServerProcess> m_trusted;   ///< Certificate from the CA the client trusts.
    std::unique_ptr<KaiwaTest::ServerProcess> m_untrusted; ///< Certificate from another CA.
    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QFAIL("Qt has no TLS backend here");
        QVERIFY(m_dir.isValid());
        QVERIFY(KaiwaTest::Certificates::make(m_dir.path(), u"ca"_s, u"server"_s));
        QVERIFY(KaiwaTest::Certificates::make(m_dir.path(), u"otherca"_s, u"otherserver"_s));

        // The client trusts the first CA only (like a company CA added to the system store).
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.addCaCertificates(path(u"ca.pem"_s));
        QSslConfiguration::setDefaultConfiguration(configuration);

        m_trusted = KaiwaTest::ServerProcess::withAccount(
            path(u"kaiwa.sqlite"_s), u"alice"_s, "correct horse 1",
            {u"--tls-cert"_s, path(u"server.pem"_s), u"--tls-key"_s, path(u"server.key"_s)});
        QVERIFY(m_trusted && m_trusted->start());
        m_untrusted = std::make_unique<KaiwaTest::ServerProcess>(
            QStringList{u"--database"_s, u":memory:"_s, u"--tls-cert"_s, path(u"otherserver.pem"_s), u"--tls-key"_s,
                        path(u"otherserver.key"_s)});
        QVERIFY(m_untrusted->start());
    }

    void wssChatWorks()
    {
        const QUrl server(u"https://127.0.0.1:%1"_s.arg(m_trusted->port()));
        RoomConnection connection(RoomAddress{server, u"secure"_s, u"alice"_s});
        QCOMPARE(connection.address().webSocketUrl().scheme(), u"wss"_s);
        QSignalSpy received(&connection, &RoomConnection::messageReceived);
        connection.open();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ConnectionState::Connected, 10000);
        QVERIFY(connection.isKaiwaProtocol());

        KaiwaTest::WsClient other;
        QVERIFY(other.open(QUrl(u"wss://127.0.0.1:%1/ws/chat/secure/?name=bob"_s.arg(m_trusted->port()))));
        connection.sendMessage(u"over TLS"_s);
        QTRY_COMPARE_WITH_TIMEOUT(other.chatTexts(), QStringList{u"over TLS"_s}, 10000);
        QTRY_VERIFY(!received.isEmpty());
        other.sendJson({{"message"_L1, u"back over TLS"_s}});
        QTRY_COMPARE_WITH_TIMEOUT(received.last().first().value<ChatMessage>().text, u"back over TLS"_s, 10000);
        connection.close();
    }

    void httpsPagesAndSecureCookie()
    {
        QNetworkAccessManager network;
        QNetworkRequest page(QUrl(u"https://127.0.0.1:%1/chat/"_s.arg(m_trusted->port())));
        std::unique_ptr<QNetworkReply> reply(network.get(page));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY(reply->readAll().contains("room-name-input"));

        // The desktop sign-in works over https.
        SignIn signIn;
        QSignalSpy succeeded(&signIn, &SignIn::succeeded);
        signIn.start(QUrl(u"https://127.0.0.1:%1/"_s.arg(m_trusted->port())), u"alice"_s, u"correct horse 1"_s);
        QVERIFY(succeeded.wait(10000));

        // A browser's sign-in over TLS gets a Secure cookie.
        QNetworkRequest form(QUrl(u"https://127.0.0.1:%1/login"_s.arg(m_trusted->port())));
        form.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
        form.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        std::unique_ptr<QNetworkReply> login(network.post(form, "name=alice&password=correct+horse+1"));
        QSignalSpy loggedIn(login.get(), &QNetworkReply::finished);
        QVERIFY(loggedIn.wait(10000));
        QCOMPARE(login->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 303);
        const QByteArray cookie = login->rawHeader("Set-Cookie");
        QVERIFY2(cookie.contains("; Secure") && cookie.contains("; HttpOnly") && cookie.contains("SameSite=Strict"),
                 cookie.constData());
    }

    void untrustedCertificateIsAClearError()
    {
        const QUrl server(u"https://127.0.0.1:%1"_s.arg(m_untrusted->port()));
        RoomConnection connection(RoomAddress{server, u"secure"_s, u"alice"_s});
        QSignalSpy certificateErrors(&connection, &RoomConnection::certificateErrors);
        connection.open();
        QVERIFY(certificateErrors.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ConnectionState::Disconnected, 10000);
        QVERIFY(connection.needsUserAction()); // not retried behind the user's back
        QVERIFY2(connection.errorString().startsWith(u"The server's certificate is not trusted"_s),
                 qPrintable(connection.errorString()));
        const auto errors = certificateErrors.first().first().value<QList<QSslError>>();
        QVERIFY(!errors.isEmpty());
        QVERIFY2(connection.errorString().contains(errors.first().errorString()), qPrintable(connection.errorString()));

        // Signing in to it sends nothing and says why.
        SignIn signIn;
        QSignalSpy failed(&signIn, &SignIn::failed);
        signIn.start(server, u"alice"_s, u"a password"_s);
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().first().value<SignIn::Failure>(), SignIn::Failure::Certificate);
        QVERIFY(failed.first().at(1).toString().contains(u"not trusted"_s));

        // A plain-text client on the TLS port gets nothing: no downgrade to ws.
        KaiwaTest::WsClient plain;
        QVERIFY(!plain.open(QUrl(u"ws://127.0.0.1:%1/ws/chat/secure/"_s.arg(m_untrusted->port())), 3000));
    }

    void badKeyIsAStartupError()
    {
        const auto badKey =
            KaiwaTest::ServerCommand::run({u"--port"_s, u"0"_s, u"--database"_s, u":memory:"_s, u"--tls-cert"_s,
                                           path(u"server.pem"_s), u"--tls-key"_s, path(u"san.cnf"_s)});
        QCOMPARE(badKey.exitCode, 1);
        QVERIFY(badKey.err.contains("private key"));
        const auto noKey = KaiwaTest::ServerCommand::run({u"--tls-cert"_s, path(u"server.pem"_s)});
        QCOMPARE(noKey.exitCode, 2); // the key is missing
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
