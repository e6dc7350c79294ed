// SPDX-License-Identifier: MIT
#include "httpconnection.h"

#include "bytestream.h"
#include "httpresponse.h"
#include "monotonicclock.h"
#include "requesthandler.h"
#include "transportlogging.h"
#include "websockethandshake.h"

namespace Kaiwa::Server {

namespace {
/**
 * Responses queued for a client that pipelines requests but does not read the answers. Without a
 * bound, one connection sending `GET /chat/x/` in a loop made the daemon queue gigabytes of pages
 * (each request is ~40 bytes in, several KiB out). Browsers do not pipeline; 1 MiB is hundreds of
 * unread responses.
 */
constexpr qint64 s_maxQueuedResponseBytes = 1024 * 1024;
/// Input buffered while a deferred response is pending; a client has no reason to send more.
constexpr qsizetype s_maxBufferedWhileDeferred = 64 * 1024;

/**
 * Whether a Host names this machine by a name browsers keep HSTS for: Strict-Transport-Security is
 * kept per host name, whatever the port, so pinning "localhost" to https would break every plain
 * http service a developer runs on it. (Browsers ignore HSTS for IP literals themselves.)
 */
bool isLocalhostName(QByteArrayView host)
{
    if (host.startsWith('['))
        return false;
    if (const qsizetype colon = host.indexOf(':'); colon >= 0)
        host = host.first(colon);
    if (host.endsWith('.'))
        host.chop(1);
    const QByteArray name = host.toByteArray().toLower();
    return name == "localhost" || name.endsWith(".localhost");
}
} // namespace

HttpConnection::HttpConnection(ByteStream *socket, RequestHandler *handler, HttpRequestParser::Limits limits,
                               TrustedProxies trustedProxies, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(handler)
    , m_parser(limits)
    , m_trustedProxies(std::move(trustedProxies))
    , m_peerAddress(socket->peerAddress())
    , m_clientAddress(m_peerAddress)
    , m_waitingSinceMs(monotonicMs())
{
    m_socket->setParent(this);
    connect(m_socket, &ByteStream::disconnected, this, &HttpConnection::finish);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::start()
{
    connect(m_socket, &ByteStream::readyRead, this, &HttpConnection::onReadyRead);
    if (!m_socket->isOpen()) {
        finish();
        return;
    }
    onReadyRead();
}

void HttpConnection::onReadyRead()
{
    if (m_finished || m_upgraded)
        return;
    if (isClosing()) {
        m_socket->readAll(); // nothing more is served on a connection that is closing
        return;
    }
    if (m_buffer.isEmpty() && m_served > 0)
        m_waitingSinceMs = monotonicMs();
    m_buffer.append(m_socket->readAll());
    processRequests();
}

void HttpConnection::processRequests()
{
    if (m_deferred) {
        if (m_buffer.size() > s_maxBufferedWhileDeferred)
            closeNow();
        return;
    }
    while (!m_finished && !m_upgraded && !m_deferred && !m_buffer.isEmpty()) {
        if (m_socket->bytesToWrite() > s_maxQueuedResponseBytes) {
            qCInfo(lcTransport) << "closing" << m_clientAddress.toString() << "which pipelines requests without reading"
                                << m_socket->bytesToWrite() << "bytes of responses";
            closeNow();
            return;
        }
        const auto status = m_parser.parse(m_buffer);
        if (status == HttpRequestParser::Status::NeedMore) {
            // RFC 9110 10.1.1: the client waits for this before it sends the body. A body that would
            // be refused never gets here: the parser refused its head already, and that final status
            // went out at once.
            if (m_parser.isAwaitingBody() && !m_continueSent && m_parser.request().expectsContinue()) {
                m_continueSent = true;
                m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
            }
            return;
        }
        if (status == HttpRequestParser::Status::Error) {
            refuse(m_parser.errorStatus(), m_parser.errorReason());
            return;
        }
        const HttpRequest request = m_parser.request();
        m_buffer.remove(0, m_parser.consumed());
        m_clientAddress = m_trustedProxies.clientAddress(m_peerAddress, request);
        m_headRequest = request.method == "HEAD";
        m_keepAlive = request.wantsKeepAlive();
        m_strictTransport = m_socket->isEncrypted() && !isLocalhostName(request.header("host"));
        m_continueSent = false;
        m_responded = false;
        m_handler->handleRequest(request, HttpResponder(this, request.path));
        // Unanswered now, the handler kept the responder: the answer comes later (one it dropped gave 500).
        m_deferred = !m_responded && !m_upgraded && !m_finished;
        m_waitingSinceMs = monotonicMs();
    }
}

void HttpConnection::respond(const HttpResponse &response)
{
    if (m_finished || m_responded)
        return;
    m_responded = true;
    m_socket->write(response.serialize(m_headRequest, m_keepAlive, m_strictTransport));
    m_lastResponseMs = monotonicMs();
    ++m_served;
    if (!m_keepAlive) {
        m_buffer.clear();
        m_socket->disconnectFromHost();
    }
    if (std::exchange(m_deferred, false) && m_keepAlive) {
        // Requests pipelined behind the deferred one wait in the buffer: carry on, outside the caller.
        m_waitingSinceMs = monotonicMs();
        QMetaObject::invokeMethod(this, &HttpConnection::processRequests, Qt::QueuedConnection);
    }
}

WebSocketConnection *HttpConnection::acceptWebSocket(const HttpRequest &request, const QByteArray &subprotocol,
                                                     WebSocketConnection::Limits limits)
{
    m_responded = true;
    m_upgraded = true;
    m_socket->write(WebSocketHandshake::switchingProtocolsResponse(request, subprotocol));
    // From here on the socket belongs to the WebSocket; disconnect our slots before it moves.
    m_socket->disconnect(this);
    auto *webSocket =
        new WebSocketConnection(m_socket, std::exchange(m_buffer, {}), subprotocol, limits, m_clientAddress, parent());
    m_socket = nullptr;
    Q_EMIT upgraded(webSocket);
    finish();
    return webSocket;
}

void HttpConnection::closeNow()
{
    if (m_socket)
        m_socket->abort();
    finish();
}

bool HttpConnection::checkTimeouts(qint64 nowMs, const Timeouts &timeouts)
{
    if (m_finished || m_upgraded || !m_socket || m_deferred)
        return false;
    if (isClosing()) {
        // A peer that does not read its last response must not hold the slot either.
        if (nowMs - m_lastResponseMs > timeouts.headTimeoutMs)
            closeNow();
        return false;
    }
    if (m_buffer.isEmpty() && m_served > 0) {
        if (nowMs - m_lastResponseMs > timeouts.idleTimeoutMs)
            closeNow();
        return false;
    }
    if (nowMs - m_waitingSinceMs > timeouts.headTimeoutMs) {
        refuse(408, "Request Timeout");
        return true;
    }
    return false;
}

void HttpConnection::refuse(int status, const QByteArray &reason)
{
    // Whatever the client sends after this is drained, not read: the lingering close.
    m_keepAlive = false;
    m_headRequest = false;
    m_strictTransport = false; // no Host to pin it to
    m_responded = false;
    respond(HttpResponse::text(status, reason + '\n'));
}

void HttpConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished();
}

} // namespace Kaiwa::Server
