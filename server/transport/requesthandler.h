// SPDX-License-Identifier: MIT
#pragma once

namespace Kaiwa::Server {

struct HttpRequest;
class HttpConnection;

/**
 * What the transport calls for each complete request head. The handler answers synchronously
 * with exactly one of HttpConnection::respond() or HttpConnection::acceptWebSocket().
 */
class RequestHandler
{
public:
    virtual ~RequestHandler() = default;
    virtual void handleRequest(const HttpRequest &request, HttpConnection &connection) = 0;
};

} // namespace Kaiwa::Server
