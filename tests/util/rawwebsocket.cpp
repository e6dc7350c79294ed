// SPDX-License-Identifier: MIT
#include "rawwebsocket.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QTimer>
#include <QtEndian>

namespace KaiwaTest {

bool RawWebSocket::open(quint16 port, const QByteArray &path, int receiveBufferBytes, const QByteArray &extraHeaders)
{
    if (receiveBufferBytes > 0) {
        // Stop reading early: Qt's own buffer and the kernel's window stay small.
        m_socket->setReadBufferSize(receiveBufferBytes);
        m_socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, receiveBufferBytes);
    }
    m_socket->connectToHost(QHostAddress::LocalHost, port);
    if (!m_socket->waitForConnected(5000))
        return false;
    m_socket->write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      "Sec-WebSocket-Version: 13\r\n"
                    + extraHeaders + "\r\n");
    QDeadlineTimer deadline(5000);
    while (!m_buffer.contains("\r\n\r\n") && !deadline.hasExpired()) {
        if (m_socket->waitForReadyRead(100))
            m_buffer += m_socket->readAll();
    }
    const bool switched = m_buffer.startsWith("HTTP/1.1 101");
    m_buffer.remove(0, m_buffer.indexOf("\r\n\r\n") + 4);
    return switched;
}

void RawWebSocket::sendFrame(quint8 opcode, const QByteArray &payload, bool fin, bool masked)
{
    QByteArray frame;
    frame.append(char((fin ? 0x80 : 0) | opcode));
    const quint8 maskBit = masked ? 0x80 : 0;
    if (payload.size() < 126) {
        frame.append(char(maskBit | payload.size()));
    } else if (payload.size() <= 0xFFFF) {
        frame.append(char(maskBit | 126));
        QByteArray length(2, Qt::Uninitialized);
        qToBigEndian(quint16(payload.size()), length.data());
        frame.append(length);
    } else {
        frame.append(char(maskBit | 127));
        QByteArray length(8, Qt::Uninitialized);
        qToBigEndian(quint64(payload.size()), length.data());
        frame.append(length);
    }
    if (!masked) {
        frame.append(payload);
    } else {
        const quint32 key = QRandomGenerator::global()->generate();
        QByteArray mask(4, Qt::Uninitialized);
        qToBigEndian(key, mask.data());
        frame.append(mask);
        for (qsizetype i = 0; i < payload.size(); ++i)
            frame.append(char(payload[i] ^ mask[i & 3]));
    }
    m_socket->write(frame);
    m_socket->flush();
}

QList<RawWebSocket::Frame> RawWebSocket::readFrames(int timeoutMs)
{
    // Wait in an event loop, not a blocking read: other clients of the test must keep running. A server that
    // drops the connection sends no readyRead: stop waiting then too.
    if (m_socket->bytesAvailable() == 0 && m_socket->state() == QAbstractSocket::ConnectedState) {
        QEventLoop loop;
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        QObject::connect(m_socket.get(), &QTcpSocket::readyRead, &loop, &QEventLoop::quit);
        QObject::connect(m_socket.get(), &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        loop.exec();
    }
    m_buffer += m_socket->readAll();
    QList<Frame> frames;
    for (;;) {
        if (m_buffer.size() < 2)
            break;
        const auto *in = reinterpret_cast<const uchar *>(m_buffer.constData());
        quint64 length = in[1] & 0x7F;
        qsizetype header = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                break;
            length = qFromBigEndian<quint16>(in + 2);
            header = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                break;
            length = qFromBigEndian<quint64>(in + 2);
            header = 10;
        }
        if (quint64(m_buffer.size()) < header + length)
            break;
        frames.append(Frame{quint8(in[0] & 0x0F), m_buffer.mid(header, qsizetype(length))});
        m_buffer.remove(0, header + qsizetype(length));
    }
    return frames;
}

QList<RawWebSocket::Frame> RawWebSocket::readUntilClosed(int timeoutMs)
{
    m_socket->setReadBufferSize(0);
    QList<Frame> frames;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        frames += readFrames(100);
        if (m_socket->state() == QAbstractSocket::UnconnectedState && m_socket->bytesAvailable() == 0) {
            frames += readFrames(0);
            break;
        }
    }
    return frames;
}

quint16 RawWebSocket::closeCode(const QList<Frame> &frames)
{
    for (const Frame &frame : frames) {
        if (frame.opcode == 0x8 && frame.payload.size() >= 2)
            return qFromBigEndian<quint16>(frame.payload.constData());
    }
    return 0;
}

} // namespace KaiwaTest
