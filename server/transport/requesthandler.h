// SPDX-License-Identifier: MIT
#pragma once

#include "httpresponder.h"

namespace Kaiwa::Server {

struct HttpRequest;

/**
 * What the transport calls for each complete request head. The handler answers through the responder
 * with exactly one of HttpResponder::respond() or HttpResponder::acceptWebSocket(): at once, or later
 * by keeping the responder (a password hashed on another thread, a store that answers later). Until
 * then the connection handles no pipelined request; a responder dropped unanswered answers 500.
 */
class RequestHandler
{
public:
    virtual ~RequestHandler() = default;
    virtual void handleRequest(const HttpRequest &request, HttpResponder responder) = 0;
};

} // namespace Kaiwa::Server
