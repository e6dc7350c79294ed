// SPDX-License-Identifier: MIT
#include "server/transport/utf8validator.h"
#include "server/transport/websocketframe.h"

#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;
using Kaiwa::Server::WebSocketFrame;
using Kaiwa::Server::WebSocketOpcode;

namespace {

/// A decoded server frame: the parts a client checks.
struct ServerFrame {
    quint8 firstByte = 0;
    bool masked = true;
    QByteArray payload;
    bool valid = false;
};

/// Decodes one unmasked server frame that must fill `bytes` exactly.
ServerFrame decode(const QByteArray &bytes)
{
    ServerFrame frame;
    if (bytes.size() < 2)
        return frame;
    const auto *in = reinterpret_cast<const uchar *>(bytes.constData());
    frame.firstByte = in[0];
    frame.masked = in[1] & 0x80;
    quint64 length = in[1] & 0x7F;
    qsizetype header = 2;
    if (length == 126) {
        length = qFromBigEndian<quint16>(in + 2);
        header = 4;
        if (length < 126)
            return frame; // not the shortest encoding
    } else if (length == 127) {
        length = qFromBigEndian<quint64>(in + 2);
        header = 10;
        if (length <= 0xFFFF)
            return frame;
    }
    if (quint64(bytes.size() - header) != length)
        return frame;
    frame.payload = bytes.sliced(header);
    frame.valid = true;
    return frame;
}

} // namespace

class TestWebSocketFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encode_data();
    void encode();
    void text();
    void close_data();
    void close();
};

void TestWebSocketFrame::encode_data()
{
    QTest::addColumn<int>("opcode");
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("headerSize");

    QTest::newRow("empty text") << int(WebSocketOpcode::Text) << 0 << 2;
    QTest::newRow("125 bytes") << int(WebSocketOpcode::Text) << 125 << 2;
    QTest::newRow("126 bytes") << int(WebSocketOpcode::Binary) << 126 << 4;
    QTest::newRow("65535 bytes") << int(WebSocketOpcode::Text) << 65535 << 4;
    QTest::newRow("65536 bytes") << int(WebSocketOpcode::Binary) << 65536 << 10;
    QTest::newRow("ping") << int(WebSocketOpcode::Ping) << 4 << 2;
    QTest::newRow("pong") << int(WebSocketOpcode::Pong) << 0 << 2;
}

void TestWebSocketFrame::encode()
{
    QFETCH(int, opcode);
    QFETCH(int, size);
    QFETCH(int, headerSize);
    QByteArray payload(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        payload[i] = char(i * 7);
    const QByteArray bytes = WebSocketFrame::encode(WebSocketOpcode(opcode), payload);
    QCOMPARE(bytes.size(), headerSize + size);
    const ServerFrame frame = decode(bytes);
    QVERIFY(frame.valid);
    QCOMPARE(frame.firstByte, quint8(0x80 | opcode)); // FIN, no reserved bits
    QVERIFY(!frame.masked);                           // servers never mask
    QCOMPARE(frame.payload, payload);
}

void TestWebSocketFrame::text()
{
    QCOMPARE(WebSocketFrame::text("hi"), "\x81\x02hi"_ba);
}

void TestWebSocketFrame::close_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArray>("expectedReason");

    QTest::newRow("no reason") << 1000 << QByteArray() << QByteArray();
    QTest::newRow("short reason") << 1001 << "going away"_ba
                                  << "going away"_ba;
    QTest::newRow("123 bytes kept") << 1011 << QByteArray(123, 'r') << QByteArray(123, 'r');
    QTest::newRow("ASCII cut to 123") << 1009 << QByteArray(300, 'r') << QByteArray(123, 'r');
    const QByteArray euro = u"€"_s.toUtf8(); // 3 bytes
    QTest::newRow("3-byte characters ending on the limit") << 1008 << euro.repeated(50) << euro.repeated(41);
    QTest::newRow("3-byte characters, one byte off")
        << 1008 << "a"_ba + euro.repeated(50) << "a"_ba + euro.repeated(40);
    QTest::newRow("3-byte characters, two bytes off")
        << 1008 << "ab"_ba + euro.repeated(50) << "ab"_ba + euro.repeated(40);
    const QByteArray accent = u"é"_s.toUtf8(); // 2 bytes
    QTest::newRow("2-byte characters") << 1002 << accent.repeated(100) << accent.repeated(61);
    QTest::newRow("2-byte characters ending on the limit")
        << 1002 << "a"_ba + accent.repeated(100) << "a"_ba + accent.repeated(61);
    const QByteArray party = u"\U0001F389"_s.toUtf8(); // 4 bytes
    QTest::newRow("4-byte characters") << 1013 << party.repeated(40) << party.repeated(30);
    QTest::newRow("4-byte characters ending on the limit")
        << 1013 << "abc"_ba + party.repeated(40) << "abc"_ba + party.repeated(30);
}

void TestWebSocketFrame::close()
{
    QFETCH(int, code);
    QFETCH(QByteArray, reason);
    QFETCH(QByteArray, expectedReason);
    const ServerFrame frame = decode(WebSocketFrame::close(quint16(code), reason));
    QVERIFY(frame.valid);
    QCOMPARE(frame.firstByte, quint8(0x88));
    QVERIFY(frame.payload.size() <= 125);
    QCOMPARE(qFromBigEndian<quint16>(frame.payload.constData()), quint16(code));
    const QByteArray sentReason = frame.payload.sliced(2);
    QVERIFY(Kaiwa::Server::isValidUtf8(sentReason));
    QVERIFY(reason.startsWith(sentReason));
    QCOMPARE(sentReason, expectedReason);
}

QTEST_GUILESS_MAIN(TestWebSocketFrame)
#include "tst_websocketframe.moc"
