// SPDX-License-Identifier: MIT
#pragma once

#include "websocketframe.h"

#include <QByteArray>

#include <optional>

namespace Kaiwa::Server {

/**
 * Incremental parser of client-to-server frames (RFC 6455 section 5), strict about everything a
 * hostile client can get wrong: unmasked frames, reserved bits, unknown opcodes, oversize or
 * fragmented control frames, bad continuations, invalid UTF-8, and messages over the size limit,
 * which are refused from the frame header before any of the payload is buffered.
 */
class WebSocketFrameParser
{
public:
    struct Event {
        enum class Kind {
            Text,
            Binary,
            Ping,
            Pong,
            Close,
            Error
        };
        Kind kind = Kind::Error;
        QByteArray payload;    ///< Message, ping/pong data, or close reason.
        quint16 closeCode = 0; ///< Close: the peer's code (1005 when absent); Error: the code to close with.
    };

    explicit WebSocketFrameParser(qsizetype maxMessageBytes);

    /**
     * Returns the next complete event from buffer[offset...], advancing offset past what it used,
     * or nothing when more bytes are needed. After an Error event the stream is unusable.
     */
    std::optional<Event> next(const QByteArray &buffer, qsizetype &offset);

    /// True while a frame or a fragmented message is incomplete (for the stall timeout).
    bool isMidMessage() const { return m_fragmentOpcode != 0; }

private:
    static Event error(quint16 code, const char *reason);

    qsizetype m_maxMessageBytes;
    QByteArray m_fragments;
    quint8 m_fragmentOpcode = 0; ///< Text or Binary while a fragmented message is open.
};

} // namespace Kaiwa::Server
