// SPDX-License-Identifier: MIT
#include "websocketconnection.h"

#include "monotonicclock.h"
#include "socketstream.h"
#include "transportlogging.h"

namespace Kaiwa::Server {

WebSocketConnection::WebSocketConnection(ByteStream *socket, QByteArray pendingInput, QByteArray subprotocol,
                                         Limits limits, QHostAddress clientAddress, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_parser(limits.maxMessageBytes)
    , m_input(std::move(pendingInput))
    , m_subprotocol(std::move(subprotocol))
    , m_clientAddress(std::move(clientAddress))
    , m_limits(limits)
    , m_lastReceiveMs(monotonicMs())
{
    m_socket->setParent(this);
    m_socket->disconnect(); // drop the HTTP layer's connections
    connect(m_socket, &ByteStream::disconnected, this, &WebSocketConnection::onDisconnected);
}

WebSocketConnection::~WebSocketConnection() = default;

void WebSocketConnection::start()
{
    if (m_started)
        return;
    m_started = true;
    connect(m_socket, &ByteStream::readyRead, this, &WebSocketConnection::onReadyRead);
    if (!m_socket->isOpen()) {
        onDisconnected();
        return;
    }
    onReadyRead();
}

qint64 WebSocketConnection::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

void WebSocketConnection::write(const QByteArray &bytes)
{
    m_socket->write(bytes);
    if (m_limits.counters)
        m_limits.counters->webSocketBytesSent += quint64(bytes.size());
}

void WebSocketConnection::sendText(QByteArrayView utf8)
{
    sendFrame(WebSocketFrame::text(utf8));
}

void WebSocketConnection::sendFrame(const QByteArray &frame)
{
    if (m_state != State::Open)
        return;
    // Checked before queuing: one frame larger than what is left (a huge history page) must not sit in
    // memory beyond the bound, even for a moment.
    if (m_socket->bytesToWrite() + frame.size() > m_limits.maxSendQueueBytes) {
        qCInfo(lcTransport) << "closing slow reader" << m_clientAddress.toString() << "with" << m_socket->bytesToWrite()
                            << "bytes queued and a frame of" << frame.size();
        if (m_limits.counters)
            ++m_limits.counters->slowReaderCloses;
        close(CloseCode::tryAgainLater, "slow reader: outgoing queue full");
        return;
    }
    write(frame);
}

void WebSocketConnection::close(quint16 code, QByteArrayView reason)
{
    if (m_state != State::Open)
        return;
    m_state = State::Closing;
    m_closingSinceMs = monotonicMs();
    if (m_limits.counters)
        ++m_limits.counters->closesSent[code];
    write(WebSocketFrame::close(code, reason));
    if (m_handler)
        m_handler->onClosing(code);
}

void WebSocketConnection::abort()
{
    if (m_state == State::Closed)
        return;
    m_socket->abort();
    onDisconnected();
}

void WebSocketConnection::onReadyRead()
{
    const qsizetype pendingBefore = m_input.size();
    if (m_input.isEmpty())
        m_input = m_socket->readAll();
    else
        m_input.append(m_socket->readAll());
    if (m_input.isEmpty())
        return;
    if (m_limits.counters)
        m_limits.counters->webSocketBytesReceived += quint64(m_input.size() - pendingBefore);
    m_lastReceiveMs = monotonicMs();
    m_pingSentMs = 0; // any traffic proves the peer alive

    qsizetype offset = 0;
    while (m_state == State::Open || m_state == State::Closing) {
        auto event = m_parser.next(m_input, offset);
        if (!event)
            break;
        const bool fatal = event->kind == WebSocketFrameParser::Event::Kind::Error;
        handle(std::move(*event));
        if (fatal)
            return;
    }
    if (offset >= m_input.size())
        m_input = QByteArray(); // an idle connection keeps no buffer
    else
        m_input.remove(0, offset);
    m_stalledSinceMs =
        (m_input.isEmpty() && !m_parser.isMidMessage()) ? 0 : (m_stalledSinceMs ? m_stalledSinceMs : m_lastReceiveMs);
}

void WebSocketConnection::handle(WebSocketFrameParser::Event &&event)
{
    using Kind = WebSocketFrameParser::Event::Kind;
    switch (event.kind) {
    case Kind::Text:
        if (m_state == State::Open && m_handler)
            m_handler->onTextMessage(event.payload);
        break;
    case Kind::Binary:
        if (m_state == State::Open && m_handler)
            m_handler->onBinaryMessage(event.payload);
        break;
    case Kind::Ping:
        // Through sendFrame, so pongs count against the send queue: a client flooding pings without
        // reading the pongs is a slow reader (1013), not a way to grow the daemon without bound.
        if (m_state == State::Open)
            sendFrame(WebSocketFrame::encode(WebSocketOpcode::Pong, event.payload));
        break;
    case Kind::Pong:
        break;
    case Kind::Close:
        if (m_state == State::Open) {
            // Echo the peer's code as RFC 6455 5.5.1 suggests; 1005 means "none" and must not be sent.
            const quint16 code = event.closeCode == 1005 ? CloseCode::normal : event.closeCode;
            m_state = State::Closing;
            m_closingSinceMs = monotonicMs();
            write(WebSocketFrame::close(code, {}));
            if (m_handler)
                m_handler->onClosing(code);
        }
        // The server closes TCP first (RFC 6455 7.1.1); disconnected() follows once the queue drained.
        m_socket->disconnectFromHost();
        break;
    case Kind::Error:
        qCInfo(lcTransport) << "protocol error from" << m_clientAddress.toString() << event.payload.constData()
                            << "closing with" << event.closeCode;
        close(event.closeCode, event.payload);
        m_input.clear();
        m_socket->disconnectFromHost();
        break;
    }
}

void WebSocketConnection::checkTimeouts(qint64 nowMs, const Timeouts &timeouts)
{
    if (m_state == State::Closed)
        return;
    if (m_state == State::Closing) {
        if (nowMs - m_closingSinceMs <= timeouts.closeTimeoutMs)
            return;
        // The peer did not answer the close frame. If it left, it may be busy sending (a message the
        // daemon refused): end gracefully, so what it sends is drained instead of answered with a
        // reset that would destroy the close frame before it is read. A peer that does not even take
        // the close frame is dropped.
        if (m_socket->bytesToWrite() == 0)
            m_socket->disconnectFromHost();
        else
            abort();
        return;
    }
    if (m_stalledSinceMs && nowMs - m_stalledSinceMs > timeouts.stallTimeoutMs) {
        close(CloseCode::policyViolation, "incomplete frame or message timed out");
        m_socket->disconnectFromHost();
        return;
    }
    if (m_pingSentMs) {
        if (nowMs - m_pingSentMs > timeouts.keepaliveTimeoutMs) {
            qCInfo(lcTransport) << "dropping unresponsive peer" << m_clientAddress.toString();
            abort();
        }
        return;
    }
    if (nowMs - m_lastReceiveMs > timeouts.keepaliveIntervalMs) {
        m_pingSentMs = nowMs;
        write(WebSocketFrame::encode(WebSocketOpcode::Ping, "kaiwa"));
    }
}

void WebSocketConnection::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    if (m_handler)
        m_handler->onDisconnected();
    Q_EMIT disconnected();
}

} // namespace Kaiwa::Server
