// SPDX-License-Identifier: MIT
#include "server/transport/websocketframeparser.h"

#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;
using Kaiwa::Server::WebSocketFrameParser;
using Kind = WebSocketFrameParser::Event::Kind;

Q_DECLARE_METATYPE(WebSocketFrameParser::Event::Kind)

namespace {

constexpr quint8 fin = 0x80;
constexpr quint8 opContinuation = 0x0;
constexpr quint8 opText = 0x1;
constexpr quint8 opBinary = 0x2;
constexpr quint8 opClose = 0x8;
constexpr quint8 opPing = 0x9;
constexpr quint8 opPong = 0xA;

/// The header of a client frame: first byte as given, mask bit, and the shortest length encoding.
QByteArray frameHeader(quint8 firstByte, quint64 length, bool masked = true)
{
    QByteArray header;
    header.append(char(firstByte));
    const quint8 maskBit = masked ? 0x80 : 0x00;
    if (length < 126) {
        header.append(char(maskBit | quint8(length)));
    } else if (length <= 0xFFFF) {
        header.append(char(maskBit | 126));
        char bytes[2];
        qToBigEndian(quint16(length), bytes);
        header.append(bytes, 2);
    } else {
        header.append(char(maskBit | 127));
        char bytes[8];
        qToBigEndian(length, bytes);
        header.append(bytes, 8);
    }
    return header;
}

/// A complete client frame; masked with a fixed key unless `masked` is false.
QByteArray clientFrame(quint8 firstByte, QByteArrayView payload, bool masked = true)
{
    static constexpr quint8 key[4] = {0x37, 0xFA, 0x21, 0x3D};
    QByteArray frame = frameHeader(firstByte, quint64(payload.size()), masked);
    if (!masked)
        return frame + payload.toByteArray();
    frame.append(reinterpret_cast<const char *>(key), 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(quint8(payload[i]) ^ key[i % 4]));
    return frame;
}

QByteArray closePayload(quint16 code, QByteArrayView reason = {})
{
    char bytes[2];
    qToBigEndian(code, bytes);
    return QByteArray(bytes, 2) + reason.toByteArray();
}

/// Every event the buffer yields, up to the first error or the point where more bytes are needed.
QList<WebSocketFrameParser::Event> allEvents(WebSocketFrameParser &parser, const QByteArray &buffer, qsizetype &offset)
{
    QList<WebSocketFrameParser::Event> events;
    while (auto event = parser.next(buffer, offset)) {
        events.append(*event);
        if (event->kind == Kind::Error)
            break;
    }
    return events;
}

} // namespace

class TestWebSocketFrameParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dataFrames_data();
    void dataFrames();
    void controlFrames_data();
    void controlFrames();
    void severalFramesInOneBuffer();
    void fragmentedWithInterleavedPing();
    void utf8SplitAcrossFragments();
    void byteByByte();
    void errors_data();
    void errors();
    void tooBigRefusedFromHeader();
    void tooBigAcrossFragments();
    void manyTinyFragments();
};

void TestWebSocketFrameParser::dataFrames_data()
{
    QTest::addColumn<quint8>("opcode");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<int>("headerSize");

    QTest::newRow("text") << opText << "hello"_ba << Kind::Text << 6;
    QTest::newRow("empty text") << opText << QByteArray() << Kind::Text << 6;
    QTest::newRow("UTF-8 text") << opText << u"雑談 \U0001F389"_s.toUtf8() << Kind::Text << 6;
    QTest::newRow("binary") << opBinary << "\x00\xff\xfe\x80"_ba << Kind::Binary << 6;
    QTest::newRow("125 bytes") << opText << QByteArray(125, 'a') << Kind::Text << 6;
    QTest::newRow("126 bytes: 16-bit length") << opText << QByteArray(126, 'a') << Kind::Text << 8;
    QTest::newRow("65535 bytes: 16-bit length") << opBinary << QByteArray(65535, 'b') << Kind::Binary << 8;
    QTest::newRow("65536 bytes: 64-bit length") << opText << QByteArray(65536, 'c') << Kind::Text << 14;
    QTest::newRow("200000 bytes: 64-bit length") << opBinary << QByteArray(200000, 'd') << Kind::Binary << 14;
}

void TestWebSocketFrameParser::dataFrames()
{
    QFETCH(quint8, opcode);
    QFETCH(QByteArray, payload);
    QFETCH(Kind, kind);
    QFETCH(int, headerSize);

    const QByteArray frame = clientFrame(fin | opcode, payload);
    QCOMPARE(frame.size(), headerSize + payload.size());
    WebSocketFrameParser parser(1024 * 1024);
    qsizetype offset = 0;
    const auto event = parser.next(frame, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, kind);
    QCOMPARE(event->payload, payload);
    QCOMPARE(offset, frame.size());
    QVERIFY(!parser.isMidMessage());
    QVERIFY(!parser.next(frame, offset));
    QCOMPARE(offset, frame.size());
}

void TestWebSocketFrameParser::controlFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("closeCode");

    QTest::newRow("ping") << clientFrame(fin | opPing, "abc") << Kind::Ping << "abc"_ba << 0;
    QTest::newRow("empty ping") << clientFrame(fin | opPing, {}) << Kind::Ping << QByteArray() << 0;
    QTest::newRow("ping of 125 bytes") << clientFrame(fin | opPing, QByteArray(125, 'p')) << Kind::Ping
                                       << QByteArray(125, 'p') << 0;
    QTest::newRow("pong") << clientFrame(fin | opPong, "xyz") << Kind::Pong << "xyz"_ba << 0;
    QTest::newRow("close without payload") << clientFrame(fin | opClose, {}) << Kind::Close << QByteArray() << 1005;
    QTest::newRow("close 1000") << clientFrame(fin | opClose, closePayload(1000)) << Kind::Close << QByteArray()
                                << 1000;
    QTest::newRow("close 1001 with reason")
        << clientFrame(fin | opClose, closePayload(1001, "bye")) << Kind::Close << "bye"_ba << 1001;
    QTest::newRow("close UTF-8 reason") << clientFrame(fin | opClose, closePayload(1000, "さようなら"_ba))
                                        << Kind::Close << "さようなら"_ba << 1000;
    QTest::newRow("close 1011") << clientFrame(fin | opClose, closePayload(1011)) << Kind::Close << QByteArray()
                                << 1011;
    QTest::newRow("close 3000") << clientFrame(fin | opClose, closePayload(3000)) << Kind::Close << QByteArray()
                                << 3000;
    QTest::newRow("close 4999") << clientFrame(fin | opClose, closePayload(4999)) << Kind::Close << QByteArray()
                                << 4999;
}

void TestWebSocketFrameParser::controlFrames()
{
    QFETCH(QByteArray, frame);
    QFETCH(Kind, kind);
    QFETCH(QByteArray, payload);
    QFETCH(int, closeCode);

    WebSocketFrameParser parser(1024);
    qsizetype offset = 0;
    const auto event = parser.next(frame, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, kind);
    QCOMPARE(event->payload, payload);
    QCOMPARE(int(event->closeCode), closeCode);
    QCOMPARE(offset, frame.size());
}

void TestWebSocketFrameParser::severalFramesInOneBuffer()
{
    const QByteArray first = clientFrame(fin | opText, "one");
    const QByteArray buffer = "junk"_ba + first + clientFrame(fin | opBinary, "two")
                              + clientFrame(fin | opPing, "three") + clientFrame(fin | opText, "four").chopped(2);
    WebSocketFrameParser parser(1024);
    qsizetype offset = 4; // the parser starts where it is told
    auto event = parser.next(buffer, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Text);
    QCOMPARE(event->payload, "one"_ba);
    QCOMPARE(offset, 4 + first.size());
    event = parser.next(buffer, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Binary);
    QCOMPARE(event->payload, "two"_ba);
    event = parser.next(buffer, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Ping);
    QCOMPARE(event->payload, "three"_ba);
    // The last frame is incomplete: nothing, and the offset stays at its start.
    const qsizetype before = offset;
    QVERIFY(!parser.next(buffer, offset));
    QCOMPARE(offset, before);
}

void TestWebSocketFrameParser::fragmentedWithInterleavedPing()
{
    const QByteArray buffer = clientFrame(opText, "Hel") + clientFrame(fin | opPing, "p")
                              + clientFrame(opContinuation, "lo ") + clientFrame(fin | opContinuation, "world");
    WebSocketFrameParser parser(1024);
    QVERIFY(!parser.isMidMessage());
    qsizetype offset = 0;

    auto event = parser.next(buffer, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Ping);
    QCOMPARE(event->payload, "p"_ba);
    QVERIFY(parser.isMidMessage());

    event = parser.next(buffer, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Text);
    QCOMPARE(event->payload, "Hello world"_ba);
    QCOMPARE(offset, buffer.size());
    QVERIFY(!parser.isMidMessage());

    // A second fragmented message, binary this time, after the first one finished.
    const QByteArray more = buffer + clientFrame(opBinary, "\x01") + clientFrame(fin | opContinuation, "\x02");
    event = parser.next(more, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Binary);
    QCOMPARE(event->payload, "\x01\x02"_ba);
}

void TestWebSocketFrameParser::utf8SplitAcrossFragments()
{
    // "é" is C3 A9 and "🎉" is F0 9F 8E 89: each split between frames, valid once joined.
    const QByteArray buffer = clientFrame(opText, "caf\xC3") + clientFrame(opContinuation, "\xA9 \xF0\x9F")
                              + clientFrame(opContinuation, "\x8E") + clientFrame(fin | opContinuation, "\x89");
    WebSocketFrameParser parser(1024);
    qsizetype offset = 0;
    const auto event = parser.next(buffer, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Text);
    QCOMPARE(QString::fromUtf8(event->payload), u"café \U0001F389"_s);
    QCOMPARE(offset, buffer.size());
}

void TestWebSocketFrameParser::byteByByte()
{
    const QByteArray payload = QByteArray(300, 'x'); // 16-bit length
    const QByteArray frame = clientFrame(fin | opText, payload) + clientFrame(fin | opPing, "p");
    WebSocketFrameParser parser(1024);
    QByteArray buffer;
    qsizetype offset = 0;
    const qsizetype firstSize = frame.size() - 7;
    for (qsizetype i = 0; i < firstSize - 1; ++i) {
        buffer.append(frame[i]);
        QVERIFY2(!parser.next(buffer, offset), qPrintable(u"complete after %1 bytes"_s.arg(i + 1)));
        QCOMPARE(offset, 0);
    }
    buffer.append(frame[firstSize - 1]);
    auto event = parser.next(buffer, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Text);
    QCOMPARE(event->payload, payload);
    QCOMPARE(offset, firstSize);

    for (qsizetype i = firstSize; i < frame.size() - 1; ++i) {
        buffer.append(frame[i]);
        QVERIFY(!parser.next(buffer, offset));
    }
    buffer.append(frame.back());
    event = parser.next(buffer, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Ping);
    QCOMPARE(offset, buffer.size());
}

void TestWebSocketFrameParser::errors_data()
{
    QTest::addColumn<QByteArray>("buffer");
    QTest::addColumn<int>("code");

    QTest::newRow("unmasked text") << clientFrame(fin | opText, "hi", false) << 1002;
    QTest::newRow("unmasked close") << clientFrame(fin | opClose, closePayload(1000), false) << 1002;
    QTest::newRow("RSV1") << clientFrame(fin | 0x40 | opText, "hi") << 1002;
    QTest::newRow("RSV2") << clientFrame(fin | 0x20 | opText, "hi") << 1002;
    QTest::newRow("RSV3") << clientFrame(fin | 0x10 | opText, "hi") << 1002;
    QTest::newRow("opcode 0x3") << clientFrame(fin | 0x3, "hi") << 1002;
    QTest::newRow("opcode 0x7") << clientFrame(fin | 0x7, "hi") << 1002;
    QTest::newRow("opcode 0xB") << clientFrame(fin | 0xB, "hi") << 1002;
    QTest::newRow("opcode 0xF") << clientFrame(fin | 0xF, {}) << 1002;
    QTest::newRow("ping over 125 bytes") << clientFrame(fin | opPing, QByteArray(126, 'p')) << 1002;
    QTest::newRow("close over 125 bytes")
        << clientFrame(fin | opClose, closePayload(1000, QByteArray(124, 'r'))) << 1002;
    QTest::newRow("fragmented ping") << clientFrame(opPing, "p") << 1002;
    QTest::newRow("fragmented close") << clientFrame(opClose, closePayload(1000)) << 1002;
    QTest::newRow("continuation without start") << clientFrame(fin | opContinuation, "x") << 1002;
    QTest::newRow("unfinished continuation without start") << clientFrame(opContinuation, "x") << 1002;
    QTest::newRow("text during fragmentation") << clientFrame(opText, "a") + clientFrame(fin | opText, "b") << 1002;
    QTest::newRow("binary during fragmentation") << clientFrame(opText, "a") + clientFrame(opBinary, "b") << 1002;
    QTest::newRow("continuation after the end")
        << clientFrame(opText, "a") + clientFrame(fin | opContinuation, "b") + clientFrame(fin | opContinuation, "c")
        << 1002;
    QTest::newRow("64-bit length with MSB set")
        << frameHeader(fin | opBinary, quint64(1) << 63) + "\x01\x02\x03\x04"_ba << 1002;
    QTest::newRow("64-bit length all ones") << frameHeader(fin | opText, ~quint64(0)) << 1002;

    QTest::newRow("invalid UTF-8 text") << clientFrame(fin | opText, "\xFF") << 1007;
    QTest::newRow("surrogate in text") << clientFrame(fin | opText, "\xED\xA0\x80") << 1007;
    QTest::newRow("truncated UTF-8 text") << clientFrame(fin | opText, "caf\xC3") << 1007;
    QTest::newRow("invalid UTF-8 in fragments")
        << clientFrame(opText, "ok") + clientFrame(fin | opContinuation, "\xC0\xAF") << 1007;
    QTest::newRow("fragments ending mid-character")
        << clientFrame(opText, "ok") + clientFrame(fin | opContinuation, "\xE2\x82") << 1007;

    QTest::newRow("close with one byte") << clientFrame(fin | opClose, "\x03") << 1002;
    QTest::newRow("close code 0") << clientFrame(fin | opClose, closePayload(0)) << 1002;
    QTest::newRow("close code 999") << clientFrame(fin | opClose, closePayload(999)) << 1002;
    QTest::newRow("close code 1004") << clientFrame(fin | opClose, closePayload(1004)) << 1002;
    QTest::newRow("close code 1005") << clientFrame(fin | opClose, closePayload(1005)) << 1002;
    QTest::newRow("close code 1006") << clientFrame(fin | opClose, closePayload(1006)) << 1002;
    QTest::newRow("close code 1015") << clientFrame(fin | opClose, closePayload(1015)) << 1002;
    QTest::newRow("close code 2999") << clientFrame(fin | opClose, closePayload(2999)) << 1002;
    QTest::newRow("close code 5000") << clientFrame(fin | opClose, closePayload(5000)) << 1002;
    QTest::newRow("close code 65535") << clientFrame(fin | opClose, closePayload(65535)) << 1002;
    QTest::newRow("close reason invalid UTF-8") << clientFrame(fin | opClose, closePayload(1000, "\xC3\x28")) << 1007;
}

void TestWebSocketFrameParser::errors()
{
    QFETCH(QByteArray, buffer);
    QFETCH(int, code);
    WebSocketFrameParser parser(1024);
    qsizetype offset = 0;
    const QList<WebSocketFrameParser::Event> events = allEvents(parser, buffer, offset);
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.back().kind, Kind::Error);
    QCOMPARE(int(events.back().closeCode), code);
    QVERIFY(!events.back().payload.isEmpty()); // a reason for the log
    for (qsizetype i = 0; i + 1 < events.size(); ++i)
        QVERIFY(events.at(i).kind != Kind::Error);
}

void TestWebSocketFrameParser::tooBigRefusedFromHeader()
{
    WebSocketFrameParser parser(1000);

    // A message of exactly the limit is fine.
    const QByteArray fits = clientFrame(fin | opBinary, QByteArray(1000, 'a'));
    qsizetype offset = 0;
    auto event = parser.next(fits, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Binary);

    // One byte more is refused from the 4-byte header alone: no payload, not even the mask, has arrived.
    const QByteArray header = frameHeader(fin | opText, 1001);
    QCOMPARE(header.size(), 4);
    WebSocketFrameParser refusing(1000);
    offset = 0;
    event = refusing.next(header, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Error);
    QCOMPARE(event->closeCode, quint16(1009));

    // A 64-bit length announcing a terabyte is refused the same way.
    WebSocketFrameParser huge(1000);
    offset = 0;
    event = huge.next(frameHeader(fin | opBinary, quint64(1) << 40), offset);
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Error);
    QCOMPARE(event->closeCode, quint16(1009));
}

void TestWebSocketFrameParser::tooBigAcrossFragments()
{
    // Each fragment fits, the message does not: refused at the header of the fragment that overflows.
    WebSocketFrameParser parser(1000);
    const QByteArray buffer = clientFrame(opText, QByteArray(600, 'a')) + clientFrame(fin | opPing, "p")
                              + frameHeader(fin | opContinuation, 401);
    qsizetype offset = 0;
    const QList<WebSocketFrameParser::Event> events = allEvents(parser, buffer, offset);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).kind, Kind::Ping);
    QCOMPARE(events.at(1).kind, Kind::Error);
    QCOMPARE(events.at(1).closeCode, quint16(1009));

    // Exactly the limit across fragments is fine.
    WebSocketFrameParser exact(1000);
    const QByteArray fits =
        clientFrame(opText, QByteArray(600, 'a')) + clientFrame(fin | opContinuation, QByteArray(400, 'b'));
    offset = 0;
    const auto event = exact.next(fits, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Text);
    QCOMPARE(event->payload.size(), 1000);
}

void TestWebSocketFrameParser::manyTinyFragments()
{
    constexpr int count = 10000;
    QByteArray buffer = clientFrame(opText, "a");
    for (int i = 1; i < count - 1; ++i)
        buffer += clientFrame(opContinuation, "a");
    buffer += clientFrame(fin | opContinuation, "a");

    WebSocketFrameParser parser(64 * 1024);
    qsizetype offset = 0;
    const auto event = parser.next(buffer, offset);
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Text);
    QCOMPARE(event->payload, QByteArray(count, 'a'));
    QCOMPARE(offset, buffer.size());
    QVERIFY(!parser.isMidMessage());

    // Empty fragments too, and without the final one: the parser waits, still mid-message.
    QByteArray empty = clientFrame(opBinary, {});
    for (int i = 0; i < count; ++i)
        empty += clientFrame(opContinuation, {});
    WebSocketFrameParser waiting(64 * 1024);
    offset = 0;
    QVERIFY(!waiting.next(empty, offset));
    QCOMPARE(offset, empty.size());
    QVERIFY(waiting.isMidMessage());
}

QTEST_GUILESS_MAIN(TestWebSocketFrameParser)
#include "tst_websocketframeparser.moc"
