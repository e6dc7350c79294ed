// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayList>

namespace Kaiwa::Server {

struct HttpRequest;

/// The opening handshake of RFC 6455 section 4.2, server side.
class WebSocketHandshake
{
public:
    enum class Check {
        Valid,
        NotAnUpgrade, ///< No `Upgrade: websocket`: an ordinary HTTP request.
        BadRequest,   ///< Missing or malformed Connection or Sec-WebSocket-Key, key or version twice, not GET: 400.
        BadVersion,   ///< Sec-WebSocket-Version other than 13: 426 with the supported version.
    };

    /// True when the request asks for a WebSocket (`Upgrade: websocket`), valid or not.
    static bool isUpgradeRequest(const HttpRequest &request);
    static Check check(const HttpRequest &request);

    /// Sec-WebSocket-Accept for a key: base64(SHA-1(key + RFC 6455 GUID)).
    static QByteArray acceptKey(QByteArrayView key);

    /// The first subprotocol the client offers that the server supports; empty when none.
    static QByteArray selectSubprotocol(const HttpRequest &request, const QByteArrayList &supported);

    /// The 101 response for a valid request.
    static QByteArray switchingProtocolsResponse(const HttpRequest &request, const QByteArray &subprotocol);
};

} // namespace Kaiwa::Server
