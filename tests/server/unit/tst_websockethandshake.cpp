// SPDX-License-Identifier: MIT
#include "server/transport/httprequest.h"
#include "server/transport/websockethandshake.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Kaiwa::Server::HttpRequest;
using Kaiwa::Server::HttpRequestParser;
using Kaiwa::Server::WebSocketHandshake;
using Check = WebSocketHandshake::Check;

Q_DECLARE_METATYPE(WebSocketHandshake::Check)

namespace {

constexpr auto sampleKey = "dGhlIHNhbXBsZSBub25jZQ=="; // RFC 6455 section 1.3

/// A request with the given request line and header lines (each without CRLF).
HttpRequest makeRequest(const QByteArray &requestLine, const QByteArrayList &headers)
{
    QByteArray head = requestLine + "\r\nHost: example.com\r\n";
    for (const QByteArray &header : headers)
        head += header + "\r\n";
    head += "\r\n";
    HttpRequestParser parser;
    if (parser.parse(head) != HttpRequestParser::Status::Complete)
        QTest::qFail("request did not parse", __FILE__, __LINE__);
    return parser.request();
}

QByteArrayList validHeaders()
{
    return {"Upgrade: websocket"_ba, "Connection: Upgrade"_ba, "Sec-WebSocket-Key: "_ba + sampleKey,
            "Sec-WebSocket-Version: 13"_ba};
}

QByteArrayList replaced(QByteArrayList headers, QByteArrayView name, const QByteArray &line)
{
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (headers.at(i).startsWith(name)) {
            if (line.isEmpty())
                headers.removeAt(i);
            else
                headers[i] = line;
            return headers;
        }
    }
    headers.append(line);
    return headers;
}

} // namespace

class TestWebSocketHandshake : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptKey();
    void check_data();
    void check();
    void selectSubprotocol_data();
    void selectSubprotocol();
    void switchingProtocolsResponse();
};

void TestWebSocketHandshake::acceptKey()
{
    QCOMPARE(WebSocketHandshake::acceptKey(sampleKey), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="_ba);
}

void TestWebSocketHandshake::check_data()
{
    QTest::addColumn<QByteArray>("requestLine");
    QTest::addColumn<QByteArrayList>("headers");
    QTest::addColumn<Check>("expected");

    const QByteArray get = "GET /ws/chat/lobby/ HTTP/1.1"_ba;
    const QByteArrayList valid = validHeaders();
    QTest::newRow("valid") << get << valid << Check::Valid;
    QTest::newRow("header case") << get
                                 << QByteArrayList{"upgrade: WebSocket"_ba, "connection: keep-alive, upgrade"_ba,
                                                   "sec-websocket-key: "_ba + sampleKey, "sec-websocket-version: 13"_ba}
                                 << Check::Valid;
    QTest::newRow("plain GET") << get << QByteArrayList{} << Check::NotAnUpgrade;
    QTest::newRow("other upgrade") << get << replaced(valid, "Upgrade", "Upgrade: h2c"_ba) << Check::NotAnUpgrade;
    QTest::newRow("missing key") << get << replaced(valid, "Sec-WebSocket-Key", {}) << Check::BadRequest;
    QTest::newRow("empty key") << get << replaced(valid, "Sec-WebSocket-Key", "Sec-WebSocket-Key:"_ba)
                               << Check::BadRequest;
    QTest::newRow("key of 15 bytes") << get
                                     << replaced(valid, "Sec-WebSocket-Key",
                                                 "Sec-WebSocket-Key: "_ba + QByteArray(15, 'k').toBase64())
                                     << Check::BadRequest;
    QTest::newRow("key of 17 bytes") << get
                                     << replaced(valid, "Sec-WebSocket-Key",
                                                 "Sec-WebSocket-Key: "_ba + QByteArray(17, 'k').toBase64())
                                     << Check::BadRequest;
    QTest::newRow("key not base64") << get
                                    << replaced(valid, "Sec-WebSocket-Key",
                                                "Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!=="_ba)
                                    << Check::BadRequest;
    QTest::newRow("version 8") << get << replaced(valid, "Sec-WebSocket-Version", "Sec-WebSocket-Version: 8"_ba)
                               << Check::BadVersion;
    QTest::newRow("missing version") << get << replaced(valid, "Sec-WebSocket-Version", {}) << Check::BadVersion;
    QTest::newRow("POST") << "POST /ws/chat/lobby/ HTTP/1.1"_ba << valid << Check::BadRequest;
    QTest::newRow("HTTP/1.0") << "GET /ws/chat/lobby/ HTTP/1.0"_ba << valid << Check::BadRequest;
    QTest::newRow("missing Connection") << get << replaced(valid, "Connection", {}) << Check::BadRequest;
    QTest::newRow("Connection without upgrade")
        << get << replaced(valid, "Connection", "Connection: keep-alive"_ba) << Check::BadRequest;
    QTest::newRow("two keys") << get
                              << valid + QByteArrayList{"Sec-WebSocket-Key: "_ba + QByteArray(16, 'o').toBase64()}
                              << Check::BadRequest;
    QTest::newRow("the same key twice") << get << valid + QByteArrayList{"Sec-WebSocket-Key: "_ba + sampleKey}
                                        << Check::BadRequest;
    QTest::newRow("two versions") << get << valid + QByteArrayList{"Sec-WebSocket-Version: 13"_ba} << Check::BadRequest;
    QTest::newRow("versions 8 and 13") << get
                                       << replaced(valid, "Sec-WebSocket-Version", "Sec-WebSocket-Version: 8"_ba)
                                              + QByteArrayList{"Sec-WebSocket-Version: 13"_ba}
                                       << Check::BadRequest;
}

void TestWebSocketHandshake::check()
{
    QFETCH(QByteArray, requestLine);
    QFETCH(QByteArrayList, headers);
    QFETCH(Check, expected);
    const HttpRequest request = makeRequest(requestLine, headers);
    QCOMPARE(WebSocketHandshake::check(request), expected);
    QCOMPARE(WebSocketHandshake::isUpgradeRequest(request), expected != Check::NotAnUpgrade);
}

void TestWebSocketHandshake::selectSubprotocol_data()
{
    QTest::addColumn<QByteArrayList>("offered");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("none offered") << QByteArrayList{} << QByteArray();
    QTest::newRow("kaiwa.v1") << QByteArrayList{"Sec-WebSocket-Protocol: kaiwa.v1"_ba} << "kaiwa.v1"_ba;
    QTest::newRow("second in list") << QByteArrayList{"Sec-WebSocket-Protocol: chat, kaiwa.v1"_ba} << "kaiwa.v1"_ba;
    QTest::newRow("second header") << QByteArrayList{"Sec-WebSocket-Protocol: chat"_ba,
                                                     "Sec-WebSocket-Protocol: kaiwa.v1"_ba}
                                   << "kaiwa.v1"_ba;
    QTest::newRow("client order wins") << QByteArrayList{"Sec-WebSocket-Protocol: kaiwa.v2, kaiwa.v1"_ba}
                                       << "kaiwa.v2"_ba;
    QTest::newRow("unsupported only") << QByteArrayList{"Sec-WebSocket-Protocol: chat, superchat"_ba} << QByteArray();
    QTest::newRow("prefix is not a match") << QByteArrayList{"Sec-WebSocket-Protocol: kaiwa"_ba} << QByteArray();
}

void TestWebSocketHandshake::selectSubprotocol()
{
    QFETCH(QByteArrayList, offered);
    QFETCH(QByteArray, expected);
    const HttpRequest request = makeRequest("GET /ws/chat/lobby/ HTTP/1.1"_ba, validHeaders() + offered);
    QCOMPARE(WebSocketHandshake::selectSubprotocol(request, {"kaiwa.v1"_ba, "kaiwa.v2"_ba}), expected);
}

void TestWebSocketHandshake::switchingProtocolsResponse()
{
    const HttpRequest request = makeRequest("GET /ws/chat/lobby/ HTTP/1.1"_ba, validHeaders());
    const QByteArray plain = WebSocketHandshake::switchingProtocolsResponse(request, {});
    QVERIFY(plain.startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
    QVERIFY(plain.contains("\r\nUpgrade: websocket\r\n"));
    QVERIFY(plain.contains("\r\nConnection: Upgrade\r\n"));
    QVERIFY(plain.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
    QVERIFY(!plain.contains("Sec-WebSocket-Protocol"));
    QVERIFY(plain.endsWith("\r\n\r\n"));
    QCOMPARE(plain.count("\r\n\r\n"), 1);

    const QByteArray withProtocol = WebSocketHandshake::switchingProtocolsResponse(request, "kaiwa.v1");
    QVERIFY(withProtocol.contains("\r\nSec-WebSocket-Protocol: kaiwa.v1\r\n"));
    QVERIFY(withProtocol.endsWith("\r\n\r\n"));
}

QTEST_GUILESS_MAIN(TestWebSocketHandshake)
#include "tst_websockethandshake.moc"
