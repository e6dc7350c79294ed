// SPDX-License-Identifier: MIT
#pragma once

#include "websocketconnection.h"

#include <QByteArray>
#include <QHostAddress>

#include <memory>

namespace Kaiwa::Server {

class HttpConnection;
struct HttpRequest;
struct HttpResponse;

/**
 * The one answer a request gets, handed to RequestHandler::handleRequest(): respond() or
 * acceptWebSocket(), at once or later. A handler that answers later keeps a copy (copies share the
 * one answer, so a copy fits in a callback); until it answers, its connection handles no further
 * request and applies no timeout.
 *
 * The first answer counts, later ones are ignored. An answer to a connection that closed meanwhile
 * goes nowhere. A request whose responder is dropped unanswered (the last copy destroyed) gets
 * 500 and a log line: no request is left hanging.
 */
class HttpResponder
{
public:
    /// Sends the response.
    void respond(const HttpResponse &response);
    /**
     * Completes a validated WebSocket handshake (101) and gives the socket to a new WebSocketConnection,
     * whose start() the caller must call. Null when the connection closed meanwhile.
     */
    WebSocketConnection *acceptWebSocket(const HttpRequest &request, const QByteArray &subprotocol,
                                         WebSocketConnection::Limits limits);

    /**
     * Who sent the request: the TCP peer, or when that is a trusted proxy, the address it gives in
     * X-Forwarded-For (null when that is not an address). What access checks, throttles and logs go by.
     */
    QHostAddress clientAddress() const;
    /// Not answered yet, and the connection still waits for the answer.
    bool isPending() const;

private:
    friend class HttpConnection;
    struct Answer;
    HttpResponder(HttpConnection *connection, const QByteArray &path);

    std::shared_ptr<Answer> m_answer;
};

} // namespace Kaiwa::Server
