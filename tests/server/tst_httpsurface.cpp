// SPDX-License-Identifier: MIT
// The daemon's HTTP surface and command line, as a browser or an operator meets them.
#include "util/servercommand.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

struct RawResponse {
    int status = 0;
    QByteArray head; ///< Lowercase, for header checks.
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        const qsizetype start = head.indexOf("\r\n" + name + ": ");
        if (start < 0)
            return {};
        const qsizetype valueStart = start + name.size() + 4;
        return head.mid(valueStart, head.indexOf("\r\n", valueStart) - valueStart);
    }
};

/// One request on a fresh connection with `Connection: close`, read to the end.
RawResponse request(quint16 port, const QByteArray &method, const QByteArray &target,
                    const QByteArray &extraHeaders = {})
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                 + "\r\nConnection: close\r\n" + extraHeaders + "\r\n");
    QByteArray data;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000))
        data += socket.readAll();
    data += socket.readAll();
    RawResponse response;
    const qsizetype headEnd = data.indexOf("\r\n\r\n");
    response.head = data.first(qMax<qsizetype>(headEnd, 0)).toLower();
    response.body = data.mid(headEnd + 4);
    response.status = data.mid(9, 3).toInt();
    return response;
}

} // namespace

class TestHttpSurface : public QObject
{
    Q_OBJECT

private:
    ServerProcess m_server{{u"--database"_s, u":memory:"_s}};

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    void pages_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("language");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArrayList>("mustContain");
        QTest::newRow("index en") << QByteArray("/chat/") << QByteArray("en-US,en;q=0.9") << 200
                                  << QByteArray("text/html; charset=utf-8")
                                  << QByteArrayList{"What chat room would you like to enter?", "id=\"room-name-input\"",
                                                    "id=\"room-name-submit\"", "lang=\"en\""};
        QTest::newRow("index ja") << QByteArray("/chat/") << QByteArray("ja-JP,ja;q=0.9,en;q=0.5") << 200
                                  << QByteArray("text/html; charset=utf-8")
                                  << QByteArrayList{"lang=\"ja\"", "id=\"room-name-input\""};
        QTest::newRow("room") << QByteArray("/chat/lobby/") << QByteArray() << 200
                              << QByteArray("text/html; charset=utf-8")
                              << QByteArrayList{"id=\"chat-log\"", "id=\"chat-message-input\"",
                                                "id=\"chat-message-submit\""};
        QTest::newRow("japanese room") << QByteArray("/chat/%E9%9B%91%E8%AB%87/") << QByteArray("ja") << 200
                                       << QByteArray("text/html; charset=utf-8")
                                       << QByteArrayList{"雑談", "lang=\"ja\""};
        QTest::newRow("invalid room") << QByteArray("/chat/bad%20room/") << QByteArray() << 404
                                      << QByteArray("text/html; charset=utf-8") << QByteArrayList{"href=\"/chat/\""};
        QTest::newRow("unknown path") << QByteArray("/nope") << QByteArray() << 404
                                      << QByteArray("text/html; charset=utf-8") << QByteArrayList{};
        QTest::newRow("traversal") << QByteArray("/static/../../etc/passwd") << QByteArray() << 404
                                   << QByteArray("text/html; charset=utf-8") << QByteArrayList{};
        QTest::newRow("script") << QByteArray("/static/room.js") << QByteArray() << 200
                                << QByteArray("text/javascript; charset=utf-8") << QByteArrayList{"WebSocket"};
        QTest::newRow("style") << QByteArray("/static/kaiwa.css") << QByteArray() << 200
                               << QByteArray("text/css; charset=utf-8") << QByteArrayList{};
        QTest::newRow("healthz") << QByteArray("/healthz") << QByteArray() << 200
                                 << QByteArray("text/plain; charset=utf-8") << QByteArrayList{"ok"};
        QTest::newRow("ws endpoint without upgrade") << QByteArray("/ws/chat/lobby/") << QByteArray() << 426
                                                     << QByteArray("text/plain; charset=utf-8") << QByteArrayList{};
    }

    void pages()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, language);
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArrayList, mustContain);
        const RawResponse response =
            request(m_server.port(), "GET", target,
                    language.isEmpty() ? QByteArray() : "Accept-Language: " + language + "\r\n");
        QCOMPARE(response.status, status);
        QCOMPARE(response.header("content-type"), contentType);
        QCOMPARE(response.header("x-content-type-options"), QByteArray("nosniff"));
        QCOMPARE(response.header("content-length").toInt(), response.body.size());
        for (const QByteArray &text : mustContain)
            QVERIFY2(response.body.contains(text), text.constData());
        if (contentType.startsWith("text/html"))
            QVERIFY(response.header("content-security-policy").contains("script-src 'self'"));
    }

    void redirects_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("location");
        QTest::newRow("root") << QByteArray("/") << QByteArray("/chat/");
        QTest::newRow("chat without slash") << QByteArray("/chat") << QByteArray("/chat/");
        QTest::newRow("room without slash") << QByteArray("/chat/lobby") << QByteArray("/chat/lobby/");
    }

    void redirects()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, location);
        const RawResponse response = request(m_server.port(), "GET", target);
        QCOMPARE(response.status, 302);
        QCOMPARE(response.header("location"), location);
    }

    void headHasHeadersButNoBody()
    {
        const RawResponse get = request(m_server.port(), "GET", "/chat/");
        const RawResponse head = request(m_server.port(), "HEAD", "/chat/");
        QCOMPARE(head.status, 200);
        QCOMPARE(head.header("content-length"), get.header("content-length"));
        QVERIFY(head.body.isEmpty());
    }

    void otherMethodsAre405()
    {
        const RawResponse response = request(m_server.port(), "DELETE", "/chat/");
        QCOMPARE(response.status, 405);
        QCOMPARE(response.header("allow"), QByteArray("get, head"));
    }

    void keepAliveServesSeveralRequestsOnOneConnection()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server.port());
        QVERIFY(socket.waitForConnected(5000));
        // Pipelined: both heads in one write.
        socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray data;
        while (data.count("HTTP/1.1 200 OK") < 2 && socket.waitForReadyRead(5000))
            data += socket.readAll();
        QCOMPARE(data.count("HTTP/1.1 200 OK"), 2);
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    }

    void expectContinueIsAnswered()
    {
        // RFC 9110 10.1.1: a client that sends `Expect: 100-continue` waits for 100 before its body
        // (curl does, for a second). Before, it never came.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server.port());
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body = "name=alice&password=secret";
        socket.write("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     "Content-Length: "
                     + QByteArray::number(body.size()) + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
        QByteArray data;
        QTRY_VERIFY_WITH_TIMEOUT((data += socket.readAll()).contains("\r\n\r\n"), 5000);
        QCOMPARE(data, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        socket.write(body);
        QTRY_VERIFY_WITH_TIMEOUT((data += socket.readAll(), socket.state() == QAbstractSocket::UnconnectedState),
                                 10000);
        data += socket.readAll();
        // Then the final answer to the sign-in (alice has no account here), and only one 100.
        QVERIFY2(data.sliced(25).startsWith("HTTP/1.1 401 "), data.constData());
        QCOMPARE(data.count("100 Continue"), 1);

        // A body that would be refused gets its final status at once, without a 100 first.
        const RawResponse tooLarge =
            request(m_server.port(), "POST", "/login", "Content-Length: 100000\r\nExpect: 100-continue\r\n");
        QCOMPARE(tooLarge.status, 413);
    }

    void helpAndVersion()
    {
        const auto help = ServerCommand::run({u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        for (const char *option : {"--bind", "--port", "--config", "--database", "--rate-limit", "--allowed-origins"})
            QVERIFY2(help.out.contains(option), option);
        const auto version = ServerCommand::run({u"--version"_s});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("kaiwa-server " KAIWA_VERSION));
    }

    void badOptionsExitTwoWithAReason_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("reason");
        QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s} << QByteArray("frobnicate");
        QTest::newRow("bad port") << QStringList{u"--port"_s, u"99999"_s} << QByteArray("port");
        QTest::newRow("bad bind") << QStringList{u"--bind"_s, u"not-an-ip"_s} << QByteArray("bind");
        QTest::newRow("bad trusted proxy")
            << QStringList{u"--trusted-proxy"_s, u"127.0.0.1,proxy.example"_s} << QByteArray("trusted-proxy");
    }

    void badOptionsExitTwoWithAReason()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, reason);
        const auto run = ServerCommand::run(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(reason));
    }

    void configFileSetsOptionsAndCommandLineWins()
    {
        QTemporaryDir dir;
        const auto print = ServerCommand::run({u"--print-config"_s});
        QCOMPARE(print.exitCode, 0);
        QByteArray config = print.out;
        // Every option of --help is documented in the generated file, with its default.
        QVERIFY(config.contains("\nport=8000\n"));
        QVERIFY(config.contains("\nrate-limit=20\n"));
        config.replace("\nhistory=50\n", "\nhistory=2\n");
        config.replace("\nport=8000\n", "\nport=1\n");
        config.replace("\ndatabase=\n", "\ndatabase=:memory:\n");
        const QString path = dir.filePath(u"kaiwa.conf"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(config);
        file.close();
        // --port 0 on the command line beats port=1 in the file; history=2 comes from the file.
        ServerProcess server({u"--config"_s, path});
        QVERIFY(server.start(0));
        QVERIFY(server.port() != 1);
        WsClient writer;
        QVERIFY(writer.open(server.wsUrl(u"configured"_s)));
        for (int i = 0; i < 3; ++i) {
            writer.sendJson({{"message"_L1, u"m%1"_s.arg(i)}});
            QVERIFY(writer.waitForFrames(i + 1));
        }
        WsClient joiner;
        QVERIFY(joiner.open(server.wsUrl(u"configured"_s)));
        QTRY_COMPARE(joiner.chatTexts(), (QStringList{u"m1"_s, u"m2"_s})); // history=2 from the file
        // Mistakes in the file: tst_serverconfig.
    }
};

QTEST_GUILESS_MAIN(TestHttpSurface)
#include "tst_httpsurface.moc"
