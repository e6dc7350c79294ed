// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Kaiwa::Server {

/// RFC 6455 opcodes.
enum class WebSocketOpcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

/// RFC 6455 close codes used by the daemon (docs/protocol.md).
namespace CloseCode {
inline constexpr quint16 normal = 1000;
inline constexpr quint16 goingAway = 1001;
inline constexpr quint16 protocolError = 1002;
inline constexpr quint16 invalidPayload = 1007;
inline constexpr quint16 policyViolation = 1008;
inline constexpr quint16 messageTooBig = 1009;
inline constexpr quint16 internalError = 1011;
inline constexpr quint16 tryAgainLater = 1013;
} // namespace CloseCode

/**
 * Server-to-client frames. They are never masked, so one encoded frame can be written to every
 * member of a room: a broadcast encodes once, not once per receiver.
 */
class WebSocketFrame
{
public:
    static QByteArray encode(WebSocketOpcode opcode, QByteArrayView payload);
    static QByteArray text(QByteArrayView utf8) { return encode(WebSocketOpcode::Text, utf8); }
    /// A close frame; the reason is cut so the payload stays within the 125 bytes of a control frame.
    static QByteArray close(quint16 code, QByteArrayView reason);
};

} // namespace Kaiwa::Server
