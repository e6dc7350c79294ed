// SPDX-License-Identifier: MIT
#pragma once

#include "httprequest.h"
#include "websocketconnection.h"

#include <QHostAddress>
#include <QObject>

namespace Kaiwa::Server {

class ByteStream;

class RequestHandler;
struct HttpResponse;

/**
 * One HTTP/1.1 connection before (or instead of) a WebSocket upgrade: reads request heads
 * within limits, hands each to the RequestHandler, writes responses, honours keep-alive and
 * pipelining, and times out clients that are slow to send a head or idle too long.
 */
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    struct Timeouts {
        qint64 headTimeoutMs = 10000; ///< A request head must arrive completely within this.
        qint64 idleTimeoutMs = 15000; ///< Keep-alive connections idle longer than this are closed.
    };

    HttpConnection(ByteStream *socket, RequestHandler *handler, HttpRequestParser::Limits limits,
                   QObject *parent = nullptr);
    ~HttpConnection() override;

    /// Begins reading requests.
    void start();

    /// Answers the request being handled (also later, after deferResponse()).
    void respond(const HttpResponse &response);
    /**
     * The handler answers later with respond() (a password is being hashed off the event loop's
     * thread). Until then no pipelined request is handled and no timeout applies; the connection
     * may still close (hold it in a QPointer).
     */
    void deferResponse();
    /**
     * Completes a validated WebSocket handshake (101) and gives the socket to a new
     * WebSocketConnection, parented to this connection's parent. The caller must call its start().
     * This HttpConnection is finished afterwards.
     */
    WebSocketConnection *acceptWebSocket(const HttpRequest &request, const QByteArray &subprotocol,
                                         WebSocketConnection::Limits limits);

    QHostAddress peerAddress() const { return m_peerAddress; }
    /// Closes the connection at once (daemon shutdown, too many connections).
    void closeNow();

    void checkTimeouts(qint64 nowMs, const Timeouts &timeouts);

Q_SIGNALS:
    void upgraded(WebSocketConnection *connection);
    /// The connection is closed or upgraded; the object may be deleted.
    void finished();

private:
    void onReadyRead();
    void processRequests();
    void finish();
    /// The last response said `Connection: close`; the socket drains and closes.
    bool isClosing() const { return !m_keepAlive && m_responded; }

    ByteStream *m_socket;
    RequestHandler *m_handler;
    HttpRequestParser m_parser;
    QHostAddress m_peerAddress;
    QByteArray m_buffer;
    bool m_headRequest = false;
    bool m_keepAlive = true;
    bool m_responded = false;
    bool m_upgraded = false;
    bool m_finished = false;
    bool m_deferred = false;
    int m_served = 0;
    qint64 m_waitingSinceMs = 0; ///< Since when a head is awaited (accept time, or first byte after a response).
    qint64 m_lastResponseMs = 0;
};

} // namespace Kaiwa::Server
