// SPDX-License-Identifier: MIT
#include "websockethandshake.h"

#include "httprequest.h"

#include <QCryptographicHash>

namespace Kaiwa::Server {

bool WebSocketHandshake::isUpgradeRequest(const HttpRequest &request)
{
    return request.headerHasToken("upgrade", "websocket");
}

WebSocketHandshake::Check WebSocketHandshake::check(const HttpRequest &request)
{
    if (!isUpgradeRequest(request))
        return Check::NotAnUpgrade;
    if (request.method != "GET" || request.versionMinor < 1 || !request.headerHasToken("connection", "upgrade"))
        return Check::BadRequest;
    // RFC 6455 4.2.1: one key and one version. With two, which one a proxy or the daemon reads is
    // anyone's guess: refuse rather than pick.
    if (request.headerCount("sec-websocket-key") > 1 || request.headerCount("sec-websocket-version") > 1)
        return Check::BadRequest;
    if (request.header("sec-websocket-version") != "13")
        return Check::BadVersion;
    // The key must be base64 of exactly 16 bytes.
    const QByteArrayView key = request.header("sec-websocket-key");
    const auto decoded = QByteArray::fromBase64Encoding(key.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (key.size() != 24 || !decoded || decoded.decoded.size() != 16)
        return Check::BadRequest;
    return Check::Valid;
}

QByteArray WebSocketHandshake::acceptKey(QByteArrayView key)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(key);
    hash.addData("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    return hash.result().toBase64();
}

QByteArray WebSocketHandshake::selectSubprotocol(const HttpRequest &request, const QByteArrayList &supported)
{
    for (const auto &[name, value] : request.headers) {
        if (name != "sec-websocket-protocol")
            continue;
        for (const QByteArray &offered : value.split(',')) {
            const QByteArray trimmed = offered.trimmed();
            if (supported.contains(trimmed))
                return trimmed;
        }
    }
    return {};
}

QByteArray WebSocketHandshake::switchingProtocolsResponse(const HttpRequest &request, const QByteArray &subprotocol)
{
    QByteArray response = "HTTP/1.1 101 Switching Protocols\r\n"
                          "Upgrade: websocket\r\n"
                          "Connection: Upgrade\r\n"
                          "Sec-WebSocket-Accept: "
                          + acceptKey(request.header("sec-websocket-key")) + "\r\n";
    if (!subprotocol.isEmpty())
        response += "Sec-WebSocket-Protocol: " + subprotocol + "\r\n";
    response += "\r\n";
    return response;
}

} // namespace Kaiwa::Server
