// SPDX-License-Identifier: MIT
// The daemon's TLS side (--tls-cert/--tls-key) against a real kaiwa-server: connections still in the
// handshake count against --max-connections, https answers carry Strict-Transport-Security, and a
// refusal reaches a TLS client that is still sending (the lingering close over TlsStream). The
// certificates are made by openssl at test time; the uploading clients speak TLS through OpenSSL.
#include "util/busycore.h"
#include "util/certificates.h"
#include "util/httpexchange.h"
#include "util/pacedupload.h"
#include "util/serverprocess.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <csignal>
#include <unistd.h>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

/// A PacedUpload channel over TLS (OpenSSL, certificate not verified: the test made it).
class TlsChannel : public PacedUpload::Channel
{
public:
    explicit TlsChannel(SSL_CTX *context)
        : m_context(context)
    {
    }
    ~TlsChannel() override
    {
        if (m_ssl)
            SSL_free(m_ssl);
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool open(quint16 port, std::chrono::milliseconds timeout) override
    {
        m_fd = PacedUpload::connectTcp(port, timeout);
        if (m_fd < 0)
            return false;
        m_ssl = SSL_new(m_context);
        return m_ssl && SSL_set_fd(m_ssl, m_fd) == 1 && SSL_connect(m_ssl) == 1;
    }

    bool send(QByteArrayView bytes) override
    {
        // Without partial writes, SSL_write sends all or fails.
        return SSL_write(m_ssl, bytes.data(), int(bytes.size())) == int(bytes.size());
    }

    qsizetype receive(char *buffer, qsizetype capacity) override
    {
        const int n = SSL_read(m_ssl, buffer, int(capacity));
        if (n > 0)
            return n;
        // close_notify, or the end of the TCP stream after it: the server closed.
        const int error = SSL_get_error(m_ssl, n);
        return error == SSL_ERROR_ZERO_RETURN || (error == SSL_ERROR_SYSCALL && ERR_peek_error() == 0) ? 0 : -1;
    }

private:
    SSL_CTX *m_context;
    SSL *m_ssl = nullptr;
    int m_fd = -1;
};

/// One HTTPS exchange with Qt's TLS (certificate not verified); the raw response, to its end.
QByteArray httpsGet(quint16 port, const QByteArray &host, const QByteArray &path)
{
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
    if (!socket.waitForEncrypted(10000))
        return {};
    socket.write("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    QByteArray response;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(10000))
        response += socket.readAll();
    return response + socket.readAll();
}

} // namespace

class TestTlsServer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SSL_CTX *m_clientContext = nullptr;

    QStringList tlsArguments(QStringList extra) const
    {
        return QStringList{u"--database"_s, u":memory:"_s,
                           u"--tls-cert"_s, m_dir.filePath(u"server.pem"_s),
                           u"--tls-key"_s,  m_dir.filePath(u"server.key"_s)}
               + extra;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QFAIL("Qt has no TLS backend here");
        QVERIFY(m_dir.isValid());
        QVERIFY(Certificates::make(m_dir.path(), u"ca"_s, u"server"_s));
        // OpenSSL writes with write(2): a reset would raise SIGPIPE instead of a write error.
        std::signal(SIGPIPE, SIG_IGN);
        m_clientContext = SSL_CTX_new(TLS_client_method());
        QVERIFY(m_clientContext);
        SSL_CTX_set_verify(m_clientContext, SSL_VERIFY_NONE, nullptr);
    }

    void cleanupTestCase() { SSL_CTX_free(m_clientContext); }

    void handshakesCountAgainstTheConnectionLimit()
    {
        ServerProcess server(tlsArguments({u"--max-connections"_s, u"3"_s, u"--head-timeout"_s, u"2"_s}));
        QVERIFY(server.start());
        // Three clients open TCP and never begin the handshake: they hold every slot. (The daemon takes
        // connections in the order they arrived, so these are counted before the fourth.)
        std::vector<std::unique_ptr<QTcpSocket>> silent;
        for (int i = 0; i < 3; ++i) {
            silent.push_back(std::make_unique<QTcpSocket>());
            silent.back()->connectToHost(QHostAddress::LocalHost, server.port());
            QVERIFY(silent.back()->waitForConnected(5000));
        }
        // The fourth is closed before its handshake: nothing can be said over TLS without one.
        QSslSocket fourth;
        fourth.setPeerVerifyMode(QSslSocket::VerifyNone);
        QSignalSpy encrypted(&fourth, &QSslSocket::encrypted);
        fourth.connectToHostEncrypted(u"127.0.0.1"_s, server.port());
        QTRY_COMPARE_WITH_TIMEOUT(fourth.state(), QAbstractSocket::UnconnectedState, 10000);
        QCOMPARE(encrypted.size(), 0);
        QVERIFY(server.log().contains("refusing connection from"));
        // The silent ones time out within the head timeout; then the slots are free again.
        for (const auto &socket : silent)
            QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 10000);
        QVERIFY(httpsGet(server.port(), "127.0.0.1", "/healthz").startsWith("HTTP/1.1 200 "));
        QCOMPARE(server.stop(), 0);
    }

    void httpsAnswersCarryStrictTransportSecurity()
    {
        ServerProcess server(tlsArguments({}));
        QVERIFY(server.start());
        const QByteArray host = "127.0.0.1:" + QByteArray::number(server.port());
        for (const QByteArray &path : {"/chat/"_ba, "/chat/lobby/"_ba, "/healthz"_ba, "/no/such/page"_ba}) {
            const QByteArray response = httpsGet(server.port(), host, path);
            QVERIFY2(response.contains("\r\nStrict-Transport-Security: max-age=31536000\r\n"),
                     response.left(400).constData());
        }
        // Not for localhost: browsers keep HSTS per host name, whatever the port, and it would force
        // every plain http service on the developer's machine to https.
        const QByteArray local = httpsGet(server.port(), "localhost:" + QByteArray::number(server.port()), "/chat/");
        QVERIFY(local.startsWith("HTTP/1.1 200 "));
        QVERIFY(!local.contains("Strict-Transport-Security"));
        QCOMPARE(server.stop(), 0);

        // Plain http never carries it (a browser would ignore it there anyway).
        ServerProcess plain({u"--database"_s, u":memory:"_s});
        QVERIFY(plain.start());
        const HttpExchange page = HttpExchange::run(plain.port(), "GET", "/chat/");
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("strict-transport-security").isEmpty());
    }

    void refusalReachesTlsClientsStillSending()
    {
        // tst_hostileclients::refusalsReachClientsStillSending over TLS: QSslSocket closes its
        // descriptor when it has sent the 431 and its close_notify; the daemon must still drain.
        ServerProcess server(tlsArguments({}));
        QVERIFY(server.start());
        BusyCore busy(server.process().processId());
        QVERIFY2(busy.isActive(), "cannot pin the daemon to one CPU");
        PacedUpload::Options options;
        options.upload = "GET /chat/ HTTP/1.1\r\nHost: a\r\nX: " + QByteArray(1024 * 1024, 'z');
        options.channel = [this] { return std::make_unique<TlsChannel>(m_clientContext); };
        constexpr int clients = 50;
        const QList<PacedUpload::Result> results = PacedUpload::run(server.port(), clients, options);
        int answered = 0;
        for (const PacedUpload::Result &result : results)
            answered += result.connected && result.sentAll && result.answer.startsWith("HTTP/1.1 431 ");
        QCOMPARE(answered, clients);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTlsServer)
#include "tst_tlsserver.moc"
