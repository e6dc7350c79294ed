// SPDX-License-Identifier: MIT
// Hostile clients against a real kaiwa-server (docs/hardening.md has the table of answers).
// Every case: (1) the documented close code or HTTP status, (2) a well-behaved client chats
// while the abuse is under way, (3) afterwards the daemon holds as many file descriptors as
// before and its resident memory is back within a small margin of the baseline, (4) it exits 0
// on SIGTERM (in the asan preset, a sanitizer or leak report makes that exit code non-zero).
#include "util/busycore.h"
#include "util/pacedupload.h"
#include "util/processstats.h"
#include "util/rawwebsocket.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QTest>
#include <QTimer>
#include <QtEndian>

#include <sys/socket.h>

#include <memory>
#include <vector>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

const QByteArray s_goodKey = "dGhlIHNhbXBsZSBub25jZQ==";

QByteArray upgradeHead(quint16 port, const QByteArray &path, const QByteArray &extraHeaders = {},
                       const QByteArray &key = s_goodKey, const QByteArray &version = "13")
{
    QByteArray head = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                      + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
    if (!key.isNull())
        head += "Sec-WebSocket-Key: " + key + "\r\n";
    if (!version.isNull())
        head += "Sec-WebSocket-Version: " + version + "\r\n";
    return head + extraHeaders + "\r\n";
}

/// A masked client frame (mask 0: the bytes on the wire are the payload itself).
QByteArray clientFrame(quint8 opcode, QByteArrayView payload, bool fin = true)
{
    QByteArray frame;
    frame.append(char((fin ? 0x80 : 0) | opcode));
    if (payload.size() < 126) {
        frame.append(char(0x80 | payload.size()));
    } else {
        frame.append(char(0x80 | 126));
        frame.append(char(payload.size() >> 8)).append(char(payload.size() & 0xFF));
    }
    frame.append(QByteArray(4, '\0'));
    frame.append(payload);
    return frame;
}

/// The head of a masked client text frame of `length` bytes (mask 0: the payload goes as it is).
QByteArray clientFrameHeader(quint64 length)
{
    QByteArray header(2 + 8 + 4, '\0');
    header[0] = char(0x81);
    header[1] = char(0x80 | 127);
    qToBigEndian(length, header.data() + 2);
    return header;
}

/// The close code of the last close frame in a server-to-client byte stream; 0 when none.
quint16 lastCloseCode(const QByteArray &stream)
{
    quint16 code = 0;
    qsizetype offset = 0;
    const auto *in = reinterpret_cast<const uchar *>(stream.constData());
    while (stream.size() - offset >= 2) {
        quint64 length = in[offset + 1] & 0x7F;
        qsizetype header = 2;
        if (length == 126) {
            if (stream.size() - offset < 4)
                break;
            length = qFromBigEndian<quint16>(in + offset + 2);
            header = 4;
        } else if (length == 127) {
            if (stream.size() - offset < 10)
                break;
            length = qFromBigEndian<quint64>(in + offset + 2);
            header = 10;
        }
        if (quint64(stream.size() - offset - header) < length)
            break;
        if ((in[offset] & 0x0F) == 0x8 && length >= 2)
            code = qFromBigEndian<quint16>(in + offset + header);
        offset += header + qsizetype(length);
    }
    return code;
}

struct Baseline {
    qint64 rssKiB = 0;
    int openFiles = 0;
};

} // namespace

class TestHostileClients : public QObject
{
    Q_OBJECT

private:
    static QStringList arguments(QStringList extra)
    {
        return QStringList{u"--database"_s, u":memory:"_s, u"--history"_s, u"0"_s} + extra;
    }

    static qint64 pid(ServerProcess &server) { return server.process().processId(); }

    /// A good client chats in `room` with the daemon: it is responsive.
    static bool stillServes(ServerProcess &server, const QString &room = u"bystander"_s)
    {
        WsClient probe;
        if (!probe.open(server.wsUrl(room)))
            return false;
        probe.sendJson({{"message"_L1, u"probe"_s}});
        return probe.waitForFrames(1) && probe.chatTexts() == QStringList{u"probe"_s};
    }

    /// Memory and descriptors once the daemon has served a first client (pages, SQL and Qt warmed up).
    static Baseline baseline(ServerProcess &server)
    {
        const int atStart = ProcessStats::openFiles(pid(server));
        if (!stillServes(server, u"warmup"_s))
            return {};
        // The probe has closed its end; wait until the daemon has closed its own.
        if (!QTest::qWaitFor([&] { return ProcessStats::openFiles(pid(server)) == atStart; }, 10000))
            return {};
        return {ProcessStats::rssKiB(pid(server)), atStart};
    }

    /**
     * Allowed RSS above the baseline once the abuse is over. glibc keeps some freed memory; under
     * AddressSanitizer its quarantine keeps up to 256 MiB of freed blocks resident on purpose.
     */
    static qint64 rssMarginKiB() { return ProcessStats::underAddressSanitizer() ? 320 * 1024 : 8 * 1024; }

    /// Waits until every descriptor of the abuse is released and memory is back near the baseline.
    static void expectBaseline(ServerProcess &server, const Baseline &before)
    {
        QVERIFY(before.openFiles > 0 && before.rssKiB > 0);
        QTRY_COMPARE_WITH_TIMEOUT(ProcessStats::openFiles(pid(server)), before.openFiles, 20000);
        QTRY_VERIFY2_WITH_TIMEOUT(
            ProcessStats::rssKiB(pid(server)) <= before.rssKiB + rssMarginKiB(),
            qPrintable(u"RSS %1 KiB, baseline %2 KiB"_s.arg(ProcessStats::rssKiB(pid(server))).arg(before.rssKiB)),
            10000);
    }

    static QByteArray readResponse(QTcpSocket &socket, int timeoutMs = 10000)
    {
        QByteArray response;
        QDeadlineTimer deadline(timeoutMs);
        while (!response.contains("\r\n\r\n") && !deadline.hasExpired()
               && socket.state() == QAbstractSocket::ConnectedState) {
            if (socket.bytesAvailable() > 0 || QSignalSpy(&socket, &QTcpSocket::readyRead).wait(100))
                response += socket.readAll();
        }
        return response + socket.readAll();
    }

    static std::unique_ptr<QTcpSocket> connectRaw(quint16 port)
    {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, port);
        return socket;
    }

    static bool allConnected(const std::vector<std::unique_ptr<QTcpSocket>> &sockets)
    {
        for (const auto &socket : sockets) {
            if (socket->state() != QAbstractSocket::ConnectedState && !socket->waitForConnected(10000))
                return false;
        }
        return true;
    }

    static int stillConnected(const std::vector<std::unique_ptr<QTcpSocket>> &sockets)
    {
        return int(std::count_if(sockets.begin(), sockets.end(), [](const auto &socket) {
            return socket->state() != QAbstractSocket::UnconnectedState;
        }));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Thousands of sockets in this process; the daemon, started from here, inherits the limit.
        QVERIFY(ProcessStats::raiseFileLimit() >= 4096);
    }

    void halfOpenWebSocketsAreDroppedByKeepalive()
    {
        // Peers that vanish without a FIN (crashed host, pulled cable) look like silent sockets
        // that never answer the daemon's pings. Documented: dropped after two keepalive intervals.
        ServerProcess server(arguments({u"--keepalive-interval"_s, u"1"_s}));
        QVERIFY(server.start());
        const Baseline before = baseline(server);
        std::vector<std::unique_ptr<RawWebSocket>> deaf;
        for (int i = 0; i < 100; ++i) {
            deaf.push_back(std::make_unique<RawWebSocket>());
            QVERIFY(deaf.back()->open(server.port(), "/ws/chat/halfopen/"));
        }
        QVERIFY(stillServes(server, u"halfopen"_s));
        for (const auto &socket : deaf)
            QTRY_COMPARE_WITH_TIMEOUT(socket->socket().state(), QAbstractSocket::UnconnectedState, 15000);
        QVERIFY(server.log().contains("dropping unresponsive peer"));
        deaf.clear();
        expectBaseline(server, before);
        QCOMPARE(server.stop(), 0);
    }

    void halfClosedConnectionsAreReleased()
    {
        // A client that shuts down its sending side (FIN) mid-head or after the upgrade: the
        // daemon reads end-of-stream and releases the connection.
        ServerProcess server(arguments({}));
        QVERIFY(server.start());
        const Baseline before = baseline(server);
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 200; ++i)
            sockets.push_back(connectRaw(server.port()));
        QVERIFY(allConnected(sockets));
        for (int i = 0; i < 200; ++i) {
            QTcpSocket &socket = *sockets[i];
            socket.write(i % 2 ? upgradeHead(server.port(), "/ws/chat/halfclosed/")
                               : QByteArray("GET /chat/ HTTP/1.1\r\nHo"));
            socket.flush();
            QCOMPARE(::shutdown(int(socket.socketDescriptor()), SHUT_WR), 0);
        }
        QVERIFY(stillServes(server));
        expectBaseline(server, before);
        QCOMPARE(server.stop(), 0);
    }

    void slowlorisHeadsGet408()
    {
        ServerProcess server(arguments({u"--head-timeout"_s, u"1"_s}));
        QVERIFY(server.start());
        const Baseline before = baseline(server);
        std::vector<std::unique_ptr<QTcpSocket>> loris;
        for (int i = 0; i < 200; ++i)
            loris.push_back(connectRaw(server.port()));
        QVERIFY(allConnected(loris));
        for (const auto &socket : loris)
            socket->write("GET /chat/ HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        // One more header byte per connection every 100 ms: never a complete head.
        QTimer trickle;
        connect(&trickle, &QTimer::timeout, this, [&loris] {
            for (const auto &socket : loris) {
                if (socket->state() == QAbstractSocket::ConnectedState)
                    socket->write("X");
            }
        });
        trickle.start(100);
        QVERIFY(stillServes(server));
        QByteArrayList responses;
        for (const auto &socket : loris) {
            QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 15000);
            responses.append(socket->readAll());
        }
        trickle.stop();
        for (const QByteArray &response : std::as_const(responses))
            QVERIFY2(response.startsWith("HTTP/1.1 408 "), response.left(40).constData());
        loris.clear();
        expectBaseline(server, before);
        QCOMPARE(server.stop(), 0);
    }

    void oversizeHeadsGet431_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::newRow("one huge header") << QByteArray(
            "GET /chat/ HTTP/1.1\r\nHost: a\r\nX-Big: " + QByteArray(20000, 'a') + "\r\n\r\n");
        QByteArray many = "GET /chat/ HTTP/1.1\r\nHost: a\r\n";
        for (int i = 0; i < 100; ++i)
            many += "X-H" + QByteArray::number(i) + ": v\r\n";
        QTest::newRow("100 headers") << many + "\r\n";
        QTest::newRow("endless head, no CRLF")
            << QByteArray("GET /chat/ HTTP/1.1\r\nHost: a\r\nX: " + QByteArray(1024 * 1024, 'z'));
        QTest::newRow("huge upgrade") << upgradeHead(0, "/ws/chat/big/", "X-Big: " + QByteArray(17000, 'b') + "\r\n");
    }

    void oversizeHeadsGet431()
    {
        QFETCH(QByteArray, head);
        ServerProcess server(arguments({}));
        QVERIFY(server.start());
        const Baseline before = baseline(server);
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 50; ++i)
            sockets.push_back(connectRaw(server.port()));
        QVERIFY(allConnected(sockets));
        for (const auto &socket : sockets)
            socket->write(head);
        QVERIFY(stillServes(server));
        for (const auto &socket : sockets) {
            const QByteArray response = readResponse(*socket);
            QVERIFY2(response.startsWith("HTTP/1.1 431 "), response.left(40).constData());
            QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 10000);
        }
        sockets.clear();
        expectBaseline(server, before);
        QCOMPARE(server.stop(), 0);
    }

    void refusalsReachClientsStillSending_data()
    {
        // What each client uploads, in pieces a few milliseconds apart, while the daemon answers and
        // closes: without a lingering close the rest of the upload meets a closed socket, the kernel
        // answers with a reset, and the client (like QTcpSocket) gives up at its next write, the
        // answer unread. The daemon runs on one busy core, so its receive buffers are never empty.
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("clients");
        QTest::addColumn<QByteArray>("handshake");
        QTest::addColumn<QByteArray>("upload");
        QTest::addColumn<int>("pieceBytes");
        QTest::addColumn<int>("pauseMs");
        QTest::addColumn<QByteArray>("expected"); ///< The answer's status line, or a close code.
        const QByteArray mebibyte(1024 * 1024, 'z');
        const QByteArray upgrade = upgradeHead(0, "/ws/chat/linger/");
        constexpr int piece = 16 * 1024;
        QTest::newRow("431 endless head")
            << QStringList() << 150 << QByteArray() << "GET /chat/ HTTP/1.1\r\nHost: a\r\nX: " + mebibyte << piece << 3
            << QByteArray("HTTP/1.1 431 ");
        QTest::newRow("413 body too large")
            << QStringList() << 100 << QByteArray()
            << "POST /login HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\n"
               "Content-Length: 1048576\r\n\r\n"
                   + mebibyte
            << piece << 3 << QByteArray("HTTP/1.1 413 ");
        QTest::newRow("400 two Host lines")
            << QStringList() << 100 << QByteArray() << "GET /chat/ HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" + mebibyte
            << piece << 3 << QByteArray("HTTP/1.1 400 ");
        // A slowloris-sized trickle, 32 pieces 100 ms apart: the head times out after 1 to 2 s, while
        // the client still sends (small pieces: each connection buffers its head until the 408).
        QTest::newRow("408 slow head") << QStringList{u"--head-timeout"_s, u"1"_s} << 100 << QByteArray()
                                       << "GET /chat/ HTTP/1.1\r\nHost: a\r\nX: " + QByteArray(12 * 1024, 'z') << 384
                                       << 100 << QByteArray("HTTP/1.1 408 ");
        QTest::newRow("503 over the connection limit")
            << QStringList{u"--max-connections"_s, u"2"_s} << 100 << QByteArray()
            << "GET /chat/ HTTP/1.1\r\nHost: a\r\nX: " + mebibyte << piece << 3 << QByteArray("HTTP/1.1 503 ");
        QTest::newRow("1009 message too big")
            << QStringList() << 100 << upgrade << clientFrameHeader(mebibyte.size()) + mebibyte << piece << 3
            << QByteArray("1009");
        // A message within the size limit that trickles, 30 pieces 100 ms apart: the frame times out
        // after 1 to 2 s.
        QTest::newRow("1008 frame too slow")
            << QStringList{u"--frame-timeout"_s, u"1"_s} << 100 << upgrade
            << clientFrameHeader(60 * 1024) + QByteArray(60 * 1024, 'x') << 2048 << 100 << QByteArray("1008");
    }

    void refusalsReachClientsStillSending()
    {
        QFETCH(QStringList, options);
        QFETCH(int, clients);
        QFETCH(QByteArray, handshake);
        QFETCH(QByteArray, upload);
        QFETCH(int, pieceBytes);
        QFETCH(int, pauseMs);
        QFETCH(QByteArray, expected);
        ServerProcess server(arguments(options));
        QVERIFY(server.start());
        const Baseline before = baseline(server);
        // For the 503 case: the connections that fill the daemon (in the others they are two more members).
        std::vector<std::unique_ptr<RawWebSocket>> members;
        for (int i = 0; i < 2; ++i) {
            members.push_back(std::make_unique<RawWebSocket>());
            QVERIFY(members.back()->open(server.port(), "/ws/chat/members/"));
        }
        BusyCore busy(pid(server));
        QVERIFY2(busy.isActive(), "cannot pin the daemon to one CPU");

        PacedUpload::Options paced;
        paced.handshake = handshake;
        paced.upload = upload;
        paced.pieceBytes = pieceBytes;
        paced.pause = std::chrono::milliseconds(pauseMs);
        const QList<PacedUpload::Result> results = PacedUpload::run(server.port(), clients, paced);
        int answered = 0;
        QByteArray firstFailure;
        for (const PacedUpload::Result &result : results) {
            const bool ok = result.connected && result.sentAll
                            && (expected.startsWith("HTTP/") ? result.answer.startsWith(expected)
                                                             : lastCloseCode(result.answer) == expected.toUShort());
            answered += ok;
            if (!ok && firstFailure.isEmpty()) {
                firstFailure = "connected " + QByteArray::number(result.connected) + ", handshake "
                               + result.handshakeResponse.left(20) + ", sent all " + QByteArray::number(result.sentAll)
                               + ", answer " + result.answer.left(40).toPercentEncoding(" /:");
            }
        }
        QVERIFY2(answered == clients,
                 qPrintable(u"%1 of %2 clients read the answer; first failure: %3"_s.arg(answered).arg(clients).arg(
                     QString::fromLatin1(firstFailure))));
        members.clear();
        // In the 503 case the daemon is full until it has seen the two members leave.
        QTRY_VERIFY_WITH_TIMEOUT(stillServes(server), 10000);
        expectBaseline(server, before);
        QCOMPARE(server.stop(), 0);
    }

    void malformedHeadsAreAnsweredAtOnce_data()
    {
        // Answered as soon as the fault arrives, long before the head timeout (30 s here): a bare LF
        // used to wait for a CRLF CRLF that never came, then got 408.
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QByteArray>("status");
        QTest::newRow("bare LF line ends") << QByteArray("GET /chat/ HTTP/1.1\nHost: a\n\n") << QByteArray("400");
        QTest::newRow("bare LF in the middle")
            << QByteArray("GET /chat/ HTTP/1.1\r\nHost: a\nX: b\r\n\r\n") << QByteArray("400");
        QTest::newRow("bare LF, head not finished") << QByteArray("GET /chat/ HTTP/1.1\nHost: a") << QByteArray("400");
        QTest::newRow("bare CR") << QByteArray("GET /chat/ HTTP/1.1\rHost: a\r\n\r\n") << QByteArray("400");
        QTest::newRow("unknown expectation")
            << QByteArray("GET /chat/ HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\n\r\n") << QByteArray("417");
    }

    void malformedHeadsAreAnsweredAtOnce()
    {
        QFETCH(QByteArray, head);
        QFETCH(QByteArray, status);
        ServerProcess server(arguments({u"--head-timeout"_s, u"30"_s}));
        QVERIFY(server.start());
        const Baseline before = baseline(server);
        for (int i = 0; i < 20; ++i) {
            const auto socket = connectRaw(server.port());
            QVERIFY(socket->waitForConnected(5000));
            socket->write(head);
            const QByteArray response = readResponse(*socket, 5000);
            QVERIFY2(response.startsWith("HTTP/1.1 " + status + ' '), response.left(60).constData());
            QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 5000);
        }
        QVERIFY(stillServes(server));
        expectBaseline(server, before);
        QCOMPARE(server.stop(), 0);
    }

    void badUpgradesAreRefusedBefore101_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("version");
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("status");
        const QByteArray room = "/ws/chat/upgrade/";
        QTest::newRow("key too short") << QByteArray("c2hvcnQ=") << QByteArray("13") << QByteArray() << room
                                       << QByteArray("400");
        QTest::newRow("key not base64") << QByteArray("!!!!!!!!!!!!!!!!!!!!!!==") << QByteArray("13") << QByteArray()
                                        << room << QByteArray("400");
        QTest::newRow("key of 17 bytes") << QByteArray("QUFBQUFBQUFBQUFBQUFBQUE=") << QByteArray("13") << QByteArray()
                                         << room << QByteArray("400");
        QTest::newRow("no key") << QByteArray() << QByteArray("13") << QByteArray() << room << QByteArray("400");
        QTest::newRow("version 8") << s_goodKey << QByteArray("8") << QByteArray() << room << QByteArray("426");
        QTest::newRow("no version") << s_goodKey << QByteArray() << QByteArray() << room << QByteArray("426");
        QTest::newRow("foreign origin") << s_goodKey << QByteArray("13")
                                        << QByteArray("Origin: https://evil.example\r\n") << room << QByteArray("403");
        QTest::newRow("invalid room") << s_goodKey << QByteArray("13") << QByteArray()
                                      << QByteArray("/ws/chat/no%20spaces/") << QByteArray("404");
        QTest::newRow("bad since") << s_goodKey << QByteArray("13") << QByteArray()
                                   << QByteArray("/ws/chat/upgrade/?since=-4") << QByteArray("400");
        // Given twice, which one counts would depend on who reads it: refused whatever they say.
        QTest::newRow("two keys") << s_goodKey << QByteArray("13")
                                  << QByteArray("Sec-WebSocket-Key: QUFBQUFBQUFBQUFBQUFBQQ==\r\n") << room
                                  << QByteArray("400");
        QTest::newRow("two versions") << s_goodKey << QByteArray("13") << QByteArray("Sec-WebSocket-Version: 13\r\n")
                                      << room << QByteArray("400");
        QTest::newRow("two origins, the first allowed")
            << s_goodKey << QByteArray("13")
            << QByteArray("Origin: http://127.0.0.1:PORT\r\nOrigin: https://evil.example\r\n") << room
            << QByteArray("403");
    }

    void badUpgradesAreRefusedBefore101()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, version);
        QFETCH(QByteArray, extra);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, status);
        ServerProcess server(arguments({}));
        QVERIFY(server.start());
        const Baseline before = baseline(server);
        for (int i = 0; i < 20; ++i) {
            const auto socket = connectRaw(server.port());
            QVERIFY(socket->waitForConnected(5000));
            const QByteArray headers = QByteArray(extra).replace("PORT", QByteArray::number(server.port()));
            socket->write(upgradeHead(server.port(), path, headers, key, version));
            const QByteArray response = readResponse(*socket);
            QVERIFY2(response.startsWith("HTTP/1.1 " + status + ' '), response.left(60).constData());
            QVERIFY(!response.contains("101"));
            if (status == "426")
                QVERIFY(response.contains("Sec-WebSocket-Version: 13\r\n"));
        }
        QVERIFY(stillServes(server));
        expectBaseline(server, before);
        QCOMPARE(server.stop(), 0);
    }

    void unfinishedMessagesCloseWith1008_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("first fragment, no continuation") << clientFrame(0x1, "{\"message\":\"never", false);
        QTest::newRow("fragments, never the last")
            << clientFrame(0x1, "{\"message\":", false) + clientFrame(0x0, "\"x", false) + clientFrame(0x0, "y", false);
        QByteArray truncated = clientFrame(0x1, QByteArray(1000, 'x'));
        truncated.truncate(100);
        QTest::newRow("frame shorter than its header says") << truncated;
        QTest::newRow("half a frame header") << QByteArray("\x81\xFE\x01", 3);
    }

    void unfinishedMessagesCloseWith1008()
    {
        QFETCH(QByteArray, bytes);
        ServerProcess server(arguments({u"--frame-timeout"_s, u"1"_s}));
        QVERIFY(server.start());
        const Baseline before = baseline(server);
        std::vector<std::unique_ptr<RawWebSocket>> stalled;
        for (int i = 0; i < 50; ++i) {
            stalled.push_back(std::make_unique<RawWebSocket>());
            QVERIFY(stalled.back()->open(server.port(), "/ws/chat/stalled/"));
            stalled.back()->socket().write(bytes);
        }
        QVERIFY(stillServes(server, u"stalled"_s));
        for (const auto &socket : stalled)
            QCOMPARE(RawWebSocket::closeCode(socket->readUntilClosed(15000)), quint16(1008));
        stalled.clear();
        expectBaseline(server, before);
        QCOMPARE(server.stop(), 0);
    }

    void protocolViolationsCloseWithTheirCode_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<quint16>("code");
        auto unmasked = [](quint8 opcode, QByteArray payload) {
            return QByteArray(1, char(0x80 | opcode)) + char(payload.size()) + payload;
        };
        QTest::newRow("unmasked text") << unmasked(0x1, "{\"message\":\"x\"}") << quint16(1002);
        QTest::newRow("unmasked ping") << unmasked(0x9, "p") << quint16(1002);
        QTest::newRow("unmasked close") << unmasked(0x8, QByteArray("\x03\xe8", 2)) << quint16(1002);
        QTest::newRow("ping of 126 bytes") << clientFrame(0x9, QByteArray(126, 'p')) << quint16(1002);
        QTest::newRow("pong of 126 bytes") << clientFrame(0xA, QByteArray(126, 'p')) << quint16(1002);
        QTest::newRow("close of 126 bytes")
            << clientFrame(0x8, QByteArray("\x03\xe8", 2) + QByteArray(124, 'r')) << quint16(1002);
        QTest::newRow("ping of 64 KiB") << clientFrame(0x9, QByteArray(65535, 'p')) << quint16(1002);
        QTest::newRow("fragmented ping") << clientFrame(0x9, "p", false) << quint16(1002);
        QTest::newRow("invalid utf-8") << clientFrame(0x1, "{\"message\":\"\xff\xfe\"}") << quint16(1007);
        QTest::newRow("utf-8 surrogate") << clientFrame(0x1, "{\"message\":\"\xed\xa0\x80\"}") << quint16(1007);
        QTest::newRow("overlong utf-8") << clientFrame(0x1, "{\"message\":\"\xc0\xaf\"}") << quint16(1007);
        QTest::newRow("invalid utf-8 across fragments")
            << clientFrame(0x1, "{\"message\":\"\xe9\x9b", false) + clientFrame(0x0, "x\"}") << quint16(1007);
        QTest::newRow("truncated utf-8 at the end") << clientFrame(0x1, "{\"message\":\"x\"}\xe9\x9b") << quint16(1007);
        QTest::newRow("invalid utf-8 close reason") << clientFrame(0x8, QByteArray("\x03\xe8\xff", 3)) << quint16(1007);
    }

    void protocolViolationsCloseWithTheirCode()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(quint16, code);
        ServerProcess server(arguments({}));
        QVERIFY(server.start());
        const Baseline before = baseline(server);
        WsClient member;
        QVERIFY(member.open(server.wsUrl(u"violations"_s)));
        for (int i = 0; i < 50; ++i) {
            RawWebSocket client;
            QVERIFY(client.open(server.port(), "/ws/chat/violations/"));
            client.socket().write(bytes);
            QCOMPARE(RawWebSocket::closeCode(client.readUntilClosed()), code);
        }
        // Nothing of the violations reached the room.
        QVERIFY(stillServes(server, u"violations"_s));
        QTRY_COMPARE(member.chatTexts(), QStringList{u"probe"_s});
        member.socket().close();
        QVERIFY(member.waitForClose());
        expectBaseline(server, before);
        QCOMPARE(server.stop(), 0);
    }

    void validUtf8SplitAcrossFragmentsIsAccepted()
    {
        // The other side of the 1007 cases: a character cut between fragments is fine.
        ServerProcess server(arguments({}));
        QVERIFY(server.start());
        RawWebSocket client;
        QVERIFY(client.open(server.port(), "/ws/chat/split/"));
        client.socket().write(clientFrame(0x1, "{\"message\":\"\xe9\x9b", false) + clientFrame(0x0, "\x91\xe8", false)
                              + clientFrame(0x9, "mid-message ping") + clientFrame(0x0, "\xab\x87\"}"));
        QList<RawWebSocket::Frame> frames;
        QTRY_VERIFY((frames += client.readFrames(100), frames.size() >= 2));
        QCOMPARE(frames.at(0).opcode, quint8(0xA));
        QCOMPARE(frames.at(0).payload, QByteArray("mid-message ping"));
        QCOMPARE(frames.at(1).opcode, quint8(0x1));
        QVERIFY(frames.at(1).payload.contains("\"message\":\"雑談\""));
        QCOMPARE(server.stop(), 0);
    }

    void pingFloodFromAReaderIsAnswered()
    {
        ServerProcess server(arguments({}));
        QVERIFY(server.start());
        const Baseline before = baseline(server);
        RawWebSocket flooder;
        QVERIFY(flooder.open(server.port(), "/ws/chat/pings/"));
        constexpr int pings = 20000;
        QByteArray flood;
        for (int i = 0; i < pings; ++i)
            flood += clientFrame(0x9, QByteArray::number(i));
        flooder.socket().write(flood);
        QVERIFY(stillServes(server, u"pings"_s));
        int pongs = 0;
        int inOrder = 0;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     for (const auto &frame : flooder.readFrames(50)) {
                                         if (frame.opcode == 0xA)
                                             inOrder += frame.payload == QByteArray::number(pongs++);
                                     }
                                     return pongs >= pings;
                                 }()),
                                 30000);
        QCOMPARE(pongs, pings);
        QCOMPARE(inOrder, pings);
        QCOMPARE(flooder.socket().state(), QAbstractSocket::ConnectedState);
        flooder.socket().abort();
        expectBaseline(server, before);
        QCOMPARE(server.stop(), 0);
    }

    void pingFloodFromANonReaderIsClosedWith1013()
    {
        // Pongs count against --max-send-queue like any frame: a client that floods pings and
        // never reads the pongs is a slow reader. (Before, pongs bypassed the queue limit and
        // one such client grew the daemon by about 200 MB per second.)
        ServerProcess server(arguments({u"--max-send-queue"_s, u"1048576"_s}));
        QVERIFY(server.start());
        const Baseline before = baseline(server);
        RawWebSocket flooder;
        QVERIFY(flooder.open(server.port(), "/ws/chat/pings/", 4096));
        const QByteArray ping = clientFrame(0x9, QByteArray(125, 'p'));
        QByteArray chunk;
        for (int i = 0; i < 8192; ++i)
            chunk += ping;
        // 64 MiB of pings (about 66 MiB of pongs), written as the daemon takes them.
        int chunksLeft = 64;
        QTcpSocket &socket = flooder.socket();
        auto refill = [&] {
            while (chunksLeft > 0 && socket.bytesToWrite() < 4 * chunk.size()
                   && socket.state() == QAbstractSocket::ConnectedState) {
                socket.write(chunk);
                --chunksLeft;
            }
        };
        connect(&socket, &QTcpSocket::bytesWritten, this, refill);
        refill();
        QVERIFY(stillServes(server, u"pings"_s));
        QTRY_VERIFY_WITH_TIMEOUT(server.log().contains("closing slow reader"), 30000);
        // Now read: the queued pongs, then the close frame.
        QByteArray stream;
        socket.setReadBufferSize(0);
        QTRY_VERIFY_WITH_TIMEOUT((stream += socket.readAll(), socket.state() == QAbstractSocket::UnconnectedState),
                                 20000);
        stream += socket.readAll();
        QCOMPARE(lastCloseCode(stream), quint16(1013));
        expectBaseline(server, before);
        QCOMPARE(server.stop(), 0);
    }

    void pipelinedRequestsFromANonReaderAreCut()
    {
        // HTTP pipelining without reading the responses: each 40-byte request queues a page of
        // several KiB. (Before, one such connection grew the daemon by about 250 MB per second.)
        ServerProcess server(arguments({}));
        QVERIFY(server.start());
        const Baseline before = baseline(server);
        QTcpSocket socket;
        socket.setReadBufferSize(4096);
        socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        socket.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(socket.waitForConnected(5000));
        QByteArray chunk;
        for (int i = 0; i < 4096; ++i)
            chunk += "GET /chat/lobby/ HTTP/1.1\r\nHost: a\r\n\r\n";
        int chunksLeft = 256; // 40 MiB of requests, a million pages
        auto refill = [&] {
            while (chunksLeft > 0 && socket.bytesToWrite() < 4 * chunk.size()
                   && socket.state() == QAbstractSocket::ConnectedState) {
                socket.write(chunk);
                --chunksLeft;
            }
        };
        connect(&socket, &QTcpSocket::bytesWritten, this, refill);
        refill();
        QVERIFY(stillServes(server));
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 30000);
        QVERIFY(server.log().contains("pipelines requests without reading"));
        QVERIFY(chunksLeft > 0);
        expectBaseline(server, before);
        QCOMPARE(server.stop(), 0);
    }

    void thousandsOfSilentConnectionsTimeOut()
    {
        ServerProcess server(arguments({u"--head-timeout"_s, u"2"_s}));
        QVERIFY(server.start());
        const Baseline before = baseline(server);
        constexpr int count = 3000;
        std::vector<std::unique_ptr<QTcpSocket>> silent;
        for (int i = 0; i < count; ++i)
            silent.push_back(connectRaw(server.port()));
        QVERIFY(allConnected(silent));
        // Served while all of them are open (the head timeout is 2 s; connecting took less).
        QVERIFY(stillServes(server));
        QTRY_COMPARE_WITH_TIMEOUT(stillConnected(silent), 0, 30000);
        int timedOut = 0;
        for (const auto &socket : silent)
            timedOut += socket->readAll().startsWith("HTTP/1.1 408 ");
        QCOMPARE(timedOut, count);
        silent.clear();
        expectBaseline(server, before);
        QVERIFY(stillServes(server));
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHostileClients)
#include "tst_hostileclients.moc"
