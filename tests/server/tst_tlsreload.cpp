// SPDX-License-Identifier: MIT
// Certificate rotation through SIGHUP, with certificates openssl makes at test time: new connections
// get the new certificate, open ones keep working, and a broken new pair (a key of another
// certificate, a file that holds no certificate) keeps the one in use and says why. At start, such a
// pair is refused (exit 1) instead of failing every handshake.
#include "util/servercommand.h"
#include "util/serverprocess.h"

#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

/// A TLS connection that accepts any certificate: the test looks at which one the daemon presents.
std::unique_ptr<QSslSocket> connectTls(quint16 port)
{
    auto socket = std::make_unique<QSslSocket>();
    socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    socket->connectToHostEncrypted(u"127.0.0.1"_s, port);
    if (!socket->waitForEncrypted(10000))
        return nullptr;
    return socket;
}

QString commonName(const QSslSocket &socket)
{
    return socket.peerCertificate().subjectInfo(QSslCertificate::CommonName).value(0);
}

/// GET /healthz on a kept-alive connection; true for a 200.
bool healthy(QSslSocket &socket)
{
    socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray response;
    while (!response.contains("\r\n\r\nok\n") && socket.waitForReadyRead(10000))
        response += socket.readAll();
    return response.startsWith("HTTP/1.1 200");
}

} // namespace

class TestTlsReload : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    /// A self-signed EC certificate `<name>.pem` with its key `<name>.key`, for CN=<name>.
    bool makeCertificate(const QString &name)
    {
        QProcess openssl;
        openssl.setWorkingDirectory(m_dir.path());
        openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                     u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s, name + u".key"_s,
                                     u"-out"_s, name + u".pem"_s, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN="_s + name});
        if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) {
            qWarning("openssl failed: %s", openssl.readAllStandardError().constData());
            return false;
        }
        return true;
    }

    /// Puts `certificate` and `key` where the daemon reads them, replacing the files in place.
    bool install(const QString &certificate, const QString &key)
    {
        for (const auto &[from, to] : {std::pair{certificate, u"server.pem"_s}, std::pair{key, u"server.key"_s}}) {
            QFile::remove(path(to));
            if (!QFile::copy(path(from), path(to)))
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QFAIL("Qt has no TLS backend here");
        QVERIFY(m_dir.isValid());
        QVERIFY(makeCertificate(u"first"_s));
        QVERIFY(makeCertificate(u"second"_s));
        QFile garbage(path(u"garbage.pem"_s));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("-----BEGIN CERTIFICATE-----\ncut short by a failed copy\n");
    }

    void rotationOnReload()
    {
        QVERIFY(install(u"first.pem"_s, u"first.key"_s));
        ServerProcess server({u"--database"_s, u":memory:"_s, u"--tls-cert"_s, path(u"server.pem"_s), u"--tls-key"_s,
                              path(u"server.key"_s)});
        QVERIFY(server.start());
        const auto before = connectTls(server.port());
        QVERIFY(before);
        QCOMPARE(commonName(*before), u"first"_s);
        QVERIFY(healthy(*before));

        // Rotation: new files at the same paths, then SIGHUP.
        QVERIFY(install(u"second.pem"_s, u"second.key"_s));
        qsizetype mark = server.reload();
        QVERIFY(server.waitForLog("reload: TLS certificate for new connections: second, valid until", mark));
        const auto after = connectTls(server.port());
        QVERIFY(after);
        QCOMPARE(commonName(*after), u"second"_s);
        QVERIFY(healthy(*before)); // the open connection keeps its session

        // A key that belongs to another certificate: the working pair stays.
        QVERIFY(install(u"first.pem"_s, u"second.key"_s));
        mark = server.reload();
        QVERIFY(server.waitForLog("reload: keeping the TLS certificate in use", mark));
        QVERIFY(server.log().sliced(mark).contains("does not belong to the certificate"));
        const auto mismatched = connectTls(server.port());
        QVERIFY(mismatched);
        QCOMPARE(commonName(*mismatched), u"second"_s);

        // A certificate file cut short.
        QVERIFY(install(u"garbage.pem"_s, u"second.key"_s));
        mark = server.reload();
        QVERIFY(server.waitForLog("reload: keeping the TLS certificate in use", mark));
        QVERIFY(server.log().sliced(mark).contains("no PEM certificate"));
        const auto broken = connectTls(server.port());
        QVERIFY(broken);
        QCOMPARE(commonName(*broken), u"second"_s);
        QVERIFY(healthy(*broken));
    }

    void mismatchedPairIsRefusedAtStart()
    {
        const auto refused = ServerCommand::run({u"--port"_s, u"0"_s, u"--database"_s, u":memory:"_s, u"--tls-cert"_s,
                                                 path(u"first.pem"_s), u"--tls-key"_s, path(u"second.key"_s)});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.out.isEmpty());
        const QByteArray error = refused.lastErrorLine();
        QVERIFY2(error.startsWith("kaiwa-server: the TLS key") && error.contains("does not belong"), error.constData());
    }
};

QTEST_GUILESS_MAIN(TestTlsReload)
#include "tst_tlsreload.moc"
