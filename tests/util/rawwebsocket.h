// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpSocket>

#include <memory>

namespace KaiwaTest {

/**
 * A WebSocket client over a bare QTcpSocket, for what QWebSocket will not do: stop reading,
 * ignore pings, send malformed frames. Frames it sends are masked unless asked otherwise.
 */
class RawWebSocket
{
public:
    struct Frame {
        quint8 opcode = 0;
        QByteArray payload;
    };

    /**
     * Connects and completes the handshake; false when the server did not answer 101.
     * `extraHeaders`: more request header lines, each ending in CRLF (e.g. a Sec-WebSocket-Protocol).
     */
    bool open(quint16 port, const QByteArray &path, int receiveBufferBytes = 0, const QByteArray &extraHeaders = {});
    void sendFrame(quint8 opcode, const QByteArray &payload, bool fin = true, bool masked = true);
    /// Waits for data and parses every complete server frame received so far.
    QList<Frame> readFrames(int timeoutMs = 5000);
    /// Reads until the server closes (or the timeout); returns every frame seen on the way.
    QList<Frame> readUntilClosed(int timeoutMs = 10000);
    /// The close code of a close frame, 0 when none.
    static quint16 closeCode(const QList<Frame> &frames);

    QTcpSocket &socket() { return *m_socket; }

private:
    std::unique_ptr<QTcpSocket> m_socket = std::make_unique<QTcpSocket>();
    QByteArray m_buffer;
};

} // namespace KaiwaTest
