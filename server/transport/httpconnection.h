// SPDX-License-Identifier: MIT
#pragma once

#include "httprequest.h"
#include "trustedproxies.h"
#include "websocketconnection.h"

#include <QHostAddress>
#include <QObject>

namespace Kaiwa::Server {

class ByteStream;
class HttpResponder;
class RequestHandler;
struct HttpResponse;

/**
 * One HTTP/1.1 connection before (or instead of) a WebSocket upgrade: reads request heads
 * within limits, hands each to the RequestHandler with an HttpResponder for its answer (which may
 * come later: no pipelined request is handled and no timeout applies meanwhile), writes responses, honours keep-alive,
 * pipelining and `Expect: 100-continue`, and times out clients that are slow to send a head or idle
 * too long. Over TLS, responses carry Strict-Transport-Security.
 */
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    struct Timeouts {
        qint64 headTimeoutMs = 10000; ///< A request head must arrive completely within this.
        qint64 idleTimeoutMs = 15000; ///< Keep-alive connections idle longer than this are closed.
    };

    /// `trustedProxies`: whose X-Forwarded-For names the client (clientAddress()).
    HttpConnection(ByteStream *socket, RequestHandler *handler, HttpRequestParser::Limits limits,
                   TrustedProxies trustedProxies = {}, QObject *parent = nullptr);
    ~HttpConnection() override;

    /// Begins reading requests.
    void start();

    /// The TCP peer.
    QHostAddress peerAddress() const { return m_peerAddress; }
    /**
     * Who sent the current request: the TCP peer, or when that is a trusted proxy, the address it
     * gives in X-Forwarded-For (null when that is not an address). What monitoring access, the sign-in
     * throttle and logs go by.
     */
    QHostAddress clientAddress() const { return m_clientAddress; }
    /// Closes the connection at once (daemon shutdown, too many connections).
    void closeNow();

    /// Answers 408 to a head that is late and closes idle connections; true when it answered 408.
    bool checkTimeouts(qint64 nowMs, const Timeouts &timeouts);

Q_SIGNALS:
    void upgraded(WebSocketConnection *connection);
    /// The connection is closed or upgraded; the object may be deleted.
    void finished();

private:
    friend class HttpResponder;

    /// Answers the request being handled (also later, through a responder the handler kept).
    void respond(const HttpResponse &response);
    /**
     * Completes a validated WebSocket handshake (101) and gives the socket to a new
     * WebSocketConnection, parented to this connection's parent. The caller must call its start().
     * This HttpConnection is finished afterwards.
     */
    WebSocketConnection *acceptWebSocket(const HttpRequest &request, const QByteArray &subprotocol,
                                         WebSocketConnection::Limits limits);
    void onReadyRead();
    void processRequests();
    /// Answers a request that was not understood or came too late, and closes.
    void refuse(int status, const QByteArray &reason);
    void finish();
    /// The last response said `Connection: close`; the socket drains and closes.
    bool isClosing() const { return !m_keepAlive && m_responded; }

    ByteStream *m_socket;
    RequestHandler *m_handler;
    HttpRequestParser m_parser;
    TrustedProxies m_trustedProxies;
    QHostAddress m_peerAddress;
    QHostAddress m_clientAddress;
    QByteArray m_buffer;
    bool m_headRequest = false;
    bool m_keepAlive = true;
    bool m_strictTransport = false; ///< HSTS on the response: https, and a Host that is not localhost.
    bool m_continueSent = false;    ///< `100 Continue` went out for the request whose body is awaited.
    bool m_responded = false;
    bool m_upgraded = false;
    bool m_finished = false;
    bool m_deferred = false; ///< The handler kept the responder: the answer comes later.
    int m_served = 0;
    qint64 m_waitingSinceMs = 0; ///< Since when a head is awaited (accept time, or first byte after a response).
    qint64 m_lastResponseMs = 0;
};

} // namespace Kaiwa::Server
