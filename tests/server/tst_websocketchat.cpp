// SPDX-License-Identifier: MIT
// The chat over WebSocket (/ws/chat/<room>/), end to end: a real kaiwa-server process on --port 0
// and real QWebSocket clients. As tst_websocketchat_django (KAIWA_TEST_PEER=django) the scenarios
// the tutorial defines run against the Django Channels tutorial peer instead, so "wire-compatible"
// is a tested fact.
#include "util/chatendpoint.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include "common/protocol.h"

#include <QJsonArray>
#include <QTcpSocket>
#include <QTest>

using namespace KaiwaTest;

// QSKIP returns from the calling function, so this check must expand inside each test.
#define REQUIRE_KAIWA(why)                                                                                             \
    if (!m_server->isKaiwa())                                                                                          \
    QSKIP(why)
using namespace Qt::StringLiterals;

class TestWebSocketChat : public QObject
{
    Q_OBJECT

private:
    /// The server under test: kaiwa-server, or the tutorial peer in compatibility mode.
    std::unique_ptr<ChatEndpoint> m_server;

    std::unique_ptr<WsClient> join(const QString &room, const QString &query = {}, bool kaiwaV1 = false)
    {
        return WsClient::connected(m_server->wsUrl(room, query), kaiwaV1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = ChatEndpoint::fromEnvironment({u"--database"_s, u":memory:"_s, u"--history"_s, u"0"_s});
        QVERIFY2(m_server->start(), "the server under test did not start");
    }

    void broadcastReachesEveryMemberInOrder()
    {
        std::vector<std::unique_ptr<WsClient>> clients;
        for (int i = 0; i < 3; ++i) {
            clients.push_back(join(u"broadcast"_s));
            QVERIFY(clients.back());
        }
        QStringList sent;
        for (int i = 0; i < 20; ++i) {
            sent.append(u"message %1"_s.arg(i));
            clients[i % 3]->sendJson({{"message"_L1, sent.last()}});
            // One sender at a time: the room's order is the order of sending.
            QTRY_COMPARE(clients[i % 3]->chatTexts().size(), i + 1);
        }
        for (const auto &client : clients) {
            QTRY_COMPARE(client->chatTexts().size(), sent.size());
            QCOMPARE(client->chatTexts(), sent); // the sender is included, nothing lost or reordered
        }
    }

    void otherRoomsSeeNothing()
    {
        auto lobby = join(u"lobby"_s);
        auto other = join(u"other"_s);
        QVERIFY(lobby && other);
        lobby->sendJson({{"message"_L1, u"only for the lobby"_s}});
        QTRY_COMPARE(lobby->chatTexts(), QStringList{u"only for the lobby"_s});
        // A reply in the other room proves its socket is live and ordered after the lobby message.
        other->sendJson({{"message"_L1, u"other room"_s}});
        QTRY_COMPARE(other->chatTexts(), QStringList{u"other room"_s});
        QCOMPARE(lobby->chatTexts(), QStringList{u"only for the lobby"_s});
    }

    void chatFramesCarryIdUserAndTime()
    {
        REQUIRE_KAIWA("the tutorial sends only \"message\"");
        auto alice = join(u"fields"_s, u"name=alice"_s);
        auto bob = join(u"fields"_s, u"name=%20%20Bob%0A%E2%80%AE%20"_s);
        QVERIFY(alice && bob);
        alice->sendJson({{"message"_L1, u"hi"_s}});
        QTRY_COMPARE(alice->chatTexts().size(), 1);
        bob->sendJson({{"message"_L1, u"hello"_s}});
        QTRY_COMPARE(alice->chatTexts().size(), 2);
        const QJsonObject first = alice->frames().at(0);
        const QJsonObject second = alice->frames().at(1);
        QCOMPARE(first.value("type"_L1).toString(), Kaiwa::Protocol::Type::chatMessage);
        QCOMPARE(first.value("user"_L1).toString(), u"alice"_s);
        QCOMPARE(second.value("user"_L1).toString(), u"Bob"_s); // trimmed, control and bidi characters gone
        QCOMPARE(first.value("room"_L1).toString(), u"fields"_s);
        QVERIFY(first.value("id"_L1).toInteger() > 0);
        QCOMPARE(second.value("id"_L1).toInteger(), first.value("id"_L1).toInteger() + 1);
        const QDateTime time = QDateTime::fromString(first.value("time"_L1).toString(), Qt::ISODateWithMs);
        QVERIFY(time.isValid());
        QVERIFY(qAbs(time.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    }

    void unicodeRooms_data()
    {
        QTest::addColumn<QString>("room");
        QTest::newRow("japanese") << u"雑談"_s;
        QTest::newRow("cyrillic") << u"Раздел_2"_s;
        QTest::newRow("arabic digits") << u"غرفة_١٢"_s;
    }

    void unicodeRooms()
    {
        REQUIRE_KAIWA("the tutorial peer's channel layer rejects non-ASCII group names (HTTP 500)");
        QFETCH(QString, room);
        auto first = join(room);
        auto second = join(room);
        auto ascii = join(u"ascii"_s);
        QVERIFY(first && second && ascii);
        first->sendJson({{"message"_L1, u"こんにちは、世界"_s}});
        QTRY_COMPARE(second->chatTexts(), QStringList{u"こんにちは、世界"_s});
        QCOMPARE(second->frames().first().value("room"_L1).toString(), room);
        ascii->sendJson({{"message"_L1, u"sync"_s}});
        QTRY_COMPARE(ascii->chatTexts(), QStringList{u"sync"_s});
        QCOMPARE(ascii->chatTexts().size(), 1);
    }

    void badInputGetsTypedErrorAndConnectionSurvives_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("binary");
        QTest::addColumn<QString>("code");
        QTest::newRow("invalid json") << QByteArray("{\"message\": ") << false << u"invalid_json"_s;
        QTest::newRow("array") << QByteArray("[1,2]") << false << u"not_an_object"_s;
        QTest::newRow("string") << QByteArray("\"message\"") << false << u"not_an_object"_s;
        QTest::newRow("missing message") << QByteArray("{\"text\": \"hi\"}") << false << u"missing_message"_s;
        QTest::newRow("number message") << QByteArray("{\"message\": 42}") << false << u"invalid_message"_s;
        QTest::newRow("null message") << QByteArray("{\"message\": null}") << false << u"invalid_message"_s;
        QTest::newRow("empty message") << QByteArray("{\"message\": \"  \"}") << false << u"empty_message"_s;
        QTest::newRow("unknown type") << QByteArray("{\"type\": \"launch\", \"message\": \"x\"}") << false
                                      << u"unknown_type"_s;
        QTest::newRow("binary frame") << QByteArray("{\"message\": \"hi\"}") << true << u"binary_frame"_s;
    }

    void badInputGetsTypedErrorAndConnectionSurvives()
    {
        REQUIRE_KAIWA("the tutorial closes with 1011 on bad input");
        QFETCH(QByteArray, frame);
        QFETCH(bool, binary);
        QFETCH(QString, code);
        auto client = join(u"errors"_s);
        QVERIFY(client);
        if (binary)
            client->socket().sendBinaryMessage(frame);
        else
            client->socket().sendTextMessage(QString::fromUtf8(frame));
        QVERIFY(client->waitForFrames(1));
        const QJsonObject error = client->frames().first();
        QCOMPARE(error.value("type"_L1).toString(), u"error"_s);
        QCOMPARE(error.value("code"_L1).toString(), code);
        // Tutorial pages print data.message: the error carries one, so it is not silent.
        QVERIFY(error.value("message"_L1).toString().contains(code));
        // The connection survives: a good message still goes through.
        client->sendJson({{"message"_L1, u"still here"_s}});
        QTRY_COMPARE(client->chatTexts(), QStringList{u"still here"_s});
        QCOMPARE(client->socket().state(), QAbstractSocket::ConnectedState);
    }

    void oversizeMessageClosesWith1009()
    {
        REQUIRE_KAIWA("the tutorial has no size limit");
        auto client = join(u"big"_s);
        auto bystander = join(u"big"_s);
        QVERIFY(client && bystander);
        client->sendJson({{"message"_L1, QString(Kaiwa::Protocol::defaultMaxMessageBytes, u'x')}});
        QVERIFY(client->waitForClose());
        QCOMPARE(client->socket().closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        QCOMPARE(bystander->socket().state(), QAbstractSocket::ConnectedState);
        QCOMPARE(bystander->chatTexts().size(), 0);
    }

    void invalidRoomIs404BeforeUpgrade_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("space") << QByteArray("/ws/chat/bad%20room/");
        QTest::newRow("punctuation") << QByteArray("/ws/chat/bad!/");
        QTest::newRow("too long") << "/ws/chat/" + QByteArray(101, 'a') + '/';
        QTest::newRow("empty") << QByteArray("/ws/chat//");
        QTest::newRow("nested") << QByteArray("/ws/chat/a/b/");
        QTest::newRow("bad escape") << QByteArray("/ws/chat/%ZZ/");
        QTest::newRow("invalid utf-8") << QByteArray("/ws/chat/%FF/");
        QTest::newRow("encoded slash") << QByteArray("/ws/chat/a%2Fb/");
        QTest::newRow("no trailing slash") << QByteArray("/ws/chat/lobby");
        QTest::newRow("other path") << QByteArray("/ws/other/lobby/");
    }

    void invalidRoomIs404BeforeUpgrade()
    {
        REQUIRE_KAIWA("raw upgrade checks against kaiwa-server");
        QFETCH(QByteArray, path);
        QCOMPARE(rawUpgradeStatus(path, {}), 404);
    }

    void originCheck_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::addColumn<int>("status");
        QTest::newRow("no origin (desktop)") << QByteArray() << 101;
        QTest::newRow("same host") << QByteArray("http://127.0.0.1:%PORT%") << 101;
        QTest::newRow("other site") << QByteArray("http://evil.example") << 403;
        QTest::newRow("other port") << QByteArray("http://127.0.0.1:1") << 403;
        QTest::newRow("null origin") << QByteArray("null") << 403;
    }

    void originCheck()
    {
        REQUIRE_KAIWA("Daphne accepts any Origin");
        QFETCH(QByteArray, origin);
        QFETCH(int, status);
        origin.replace("%PORT%", QByteArray::number(m_server->port()));
        QCOMPARE(rawUpgradeStatus("/ws/chat/lobby/", origin), status);
    }

    void badHandshakes_data()
    {
        QTest::addColumn<QByteArray>("extraHeaders");
        QTest::addColumn<int>("status");
        QTest::newRow("bad key") << QByteArray("Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n") << 400;
        QTest::newRow("no key") << QByteArray("Sec-WebSocket-Version: 13\r\n") << 400;
        QTest::newRow("version 8") << QByteArray(
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n")
                                   << 426;
    }

    void badHandshakes()
    {
        REQUIRE_KAIWA("raw upgrade checks against kaiwa-server");
        QFETCH(QByteArray, extraHeaders);
        QFETCH(int, status);
        QCOMPARE(rawRequestStatus("GET /ws/chat/lobby/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                  "Connection: Upgrade\r\n"
                                  + extraHeaders + "\r\n"),
                 status);
    }

private:
    /// Sends a raw upgrade request and returns the status code of the answer.
    int rawUpgradeStatus(const QByteArray &path, const QByteArray &origin)
    {
        QByteArray request =
            "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_server->port())
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
              "Sec-WebSocket-Version: 13\r\n";
        if (!origin.isEmpty())
            request += "Origin: " + origin + "\r\n";
        return rawRequestStatus(request + "\r\n");
    }

    int rawRequestStatus(const QByteArray &request)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        if (!socket.waitForConnected(5000))
            return -1;
        socket.write(request);
        QByteArray response;
        while (!response.contains("\r\n") && socket.waitForReadyRead(5000))
            response += socket.readAll();
        const QList<QByteArray> statusLine = response.split(' ');
        return statusLine.size() > 1 ? statusLine.at(1).toInt() : -1;
    }
};

QTEST_GUILESS_MAIN(TestWebSocketChat)
#include "tst_websocketchat.moc"
