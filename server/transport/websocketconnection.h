// SPDX-License-Identifier: MIT
#pragma once

#include "transportcounters.h"
#include "websocketframeparser.h"
#include "websockethandler.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>

namespace Kaiwa::Server {

class ByteStream;

/**
 * One accepted WebSocket: RFC 6455 framing over a ByteStream it owns (a child object).
 *
 * Frames to send are written to the socket's buffer and leave in one system call per event
 * loop turn, so a burst of broadcasts costs one write per member, not one per frame. The
 * outgoing queue is bounded: a reader that falls too far behind is closed with 1013 instead
 * of growing the daemon's memory or slowing the room down.
 */
class WebSocketConnection : public QObject
{
    Q_OBJECT
public:
    struct Limits {
        qsizetype maxMessageBytes = 64 * 1024;
        qint64 maxSendQueueBytes = 4 * 1024 * 1024;
        TransportCounters *counters = nullptr; ///< Not owned; null counts nothing.
    };

    /**
     * Takes over an upgraded socket. `pendingInput` holds bytes the client sent right after its
     * request head; `clientAddress` is HttpConnection::clientAddress() of the upgrade. Nothing is read
     * until start(), so the owner can set its handler first.
     */
    WebSocketConnection(ByteStream *socket, QByteArray pendingInput, QByteArray subprotocol, Limits limits,
                        QHostAddress clientAddress, QObject *parent = nullptr);
    ~WebSocketConnection() override;

    /// Who hears of messages and of the close (not owned; null: nobody). Set before start().
    void setHandler(WebSocketHandler *handler) { m_handler = handler; }
    /// Begins processing input (including the pending bytes given to the constructor).
    void start();

    /// Sends a text message (UTF-8 JSON).
    void sendText(QByteArrayView utf8);
    /**
     * Writes an already-encoded frame (WebSocketFrame), shared by every receiver of a broadcast. A frame
     * that would take the outgoing queue past Limits::maxSendQueueBytes is not queued: the connection
     * closes with 1013 instead, so the queue never holds more than the bound (plus the close frame).
     */
    void sendFrame(const QByteArray &frame);
    /// Starts the closing handshake; the TCP connection ends once the peer answers or times out.
    void close(quint16 code, QByteArrayView reason);
    /// Drops the TCP connection at once, without a closing handshake.
    void abort();

    bool isOpen() const { return m_state == State::Open; }
    QByteArray subprotocol() const { return m_subprotocol; }
    /// The client's address: the TCP peer, or what a trusted proxy said (HttpConnection::clientAddress()).
    QHostAddress clientAddress() const { return m_clientAddress; }
    qint64 bytesToWrite() const;

    struct Timeouts {
        qint64 keepaliveIntervalMs = 30000; ///< Silence after which the daemon pings.
        qint64 keepaliveTimeoutMs = 30000;  ///< How long a ping may stay unanswered.
        qint64 stallTimeoutMs = 10000;      ///< How long a frame or a fragmented message may stay incomplete.
        qint64 closeTimeoutMs = 5000;       ///< How long the closing handshake may take.
    };
    /// Called periodically by the server: sends keepalive pings and drops dead or stalled peers.
    void checkTimeouts(qint64 nowMs, const Timeouts &timeouts);

Q_SIGNALS:
    /// The TCP connection is gone (the handler heard it first); the object may be deleted.
    void disconnected();

private:
    enum class State {
        Open,
        Closing,
        Closed
    };

    void onReadyRead();
    void handle(WebSocketFrameParser::Event &&event);
    void write(const QByteArray &bytes);
    void onDisconnected();

    ByteStream *m_socket;
    WebSocketHandler *m_handler = nullptr;
    WebSocketFrameParser m_parser;
    QByteArray m_input;
    QByteArray m_subprotocol;
    QHostAddress m_clientAddress;
    Limits m_limits;
    State m_state = State::Open;
    bool m_started = false;
    qint64 m_lastReceiveMs = 0;
    qint64 m_pingSentMs = 0;     ///< When the outstanding keepalive ping left; 0 when none.
    qint64 m_stalledSinceMs = 0; ///< When input became incomplete; 0 when complete.
    qint64 m_closingSinceMs = 0;
};

} // namespace Kaiwa::Server
