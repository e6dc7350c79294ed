// SPDX-License-Identifier: MIT
#include "websocketframeparser.h"

#include "utf8validator.h"

#include <QtEndian>

namespace Kaiwa::Server {

namespace {

bool isValidCloseCode(quint16 code)
{
    // RFC 6455 7.4: 1004-1006 and 1015 must never be sent on the wire.
    if (code >= 3000 && code <= 4999)
        return true;
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014);
}

} // namespace

WebSocketFrameParser::WebSocketFrameParser(qsizetype maxMessageBytes)
    : m_maxMessageBytes(maxMessageBytes)
{
}

WebSocketFrameParser::Event WebSocketFrameParser::error(quint16 code, const char *reason)
{
    return Event{Event::Kind::Error, QByteArray(reason), code};
}

std::optional<WebSocketFrameParser::Event> WebSocketFrameParser::next(const QByteArray &buffer, qsizetype &offset)
{
    for (;;) {
        const qsizetype available = buffer.size() - offset;
        if (available < 2)
            return std::nullopt;
        const auto *in = reinterpret_cast<const uchar *>(buffer.constData() + offset);
        const bool fin = in[0] & 0x80;
        const quint8 opcode = in[0] & 0x0F;
        const bool masked = in[1] & 0x80;
        quint64 length = in[1] & 0x7F;

        if (in[0] & 0x70)
            return error(CloseCode::protocolError, "reserved bits set without a negotiated extension");
        const bool control = opcode & 0x08;
        switch (WebSocketOpcode(opcode)) {
        case WebSocketOpcode::Continuation:
        case WebSocketOpcode::Text:
        case WebSocketOpcode::Binary:
        case WebSocketOpcode::Close:
        case WebSocketOpcode::Ping:
        case WebSocketOpcode::Pong:
            break;
        default:
            return error(CloseCode::protocolError, "unknown opcode");
        }
        if (control && !fin)
            return error(CloseCode::protocolError, "fragmented control frame");
        if (control && length > 125)
            return error(CloseCode::protocolError, "control frame payload over 125 bytes");
        if (!masked)
            return error(CloseCode::protocolError, "client frames must be masked");

        qsizetype headerSize = 2;
        if (length == 126) {
            if (available < 4)
                return std::nullopt;
            length = qFromBigEndian<quint16>(in + 2);
            headerSize = 4;
        } else if (length == 127) {
            if (available < 10)
                return std::nullopt;
            length = qFromBigEndian<quint64>(in + 2);
            if (length >> 63)
                return error(CloseCode::protocolError, "payload length with the most significant bit set");
            headerSize = 10;
        }
        // Refuse an oversize message from its header, before buffering any of it.
        if (!control && quint64(m_fragments.size()) + length > quint64(m_maxMessageBytes))
            return error(CloseCode::messageTooBig, "message too big");
        if (WebSocketOpcode(opcode) == WebSocketOpcode::Continuation && m_fragmentOpcode == 0)
            return error(CloseCode::protocolError, "continuation frame without a message to continue");
        if ((WebSocketOpcode(opcode) == WebSocketOpcode::Text || WebSocketOpcode(opcode) == WebSocketOpcode::Binary)
            && m_fragmentOpcode != 0)
            return error(CloseCode::protocolError, "new message before the fragmented one finished");

        const qsizetype frameSize = headerSize + 4 + qsizetype(length);
        if (available < frameSize)
            return std::nullopt;

        const uchar *mask = in + headerSize;
        const uchar *data = mask + 4;
        QByteArray payload(qsizetype(length), Qt::Uninitialized);
        auto *out = reinterpret_cast<uchar *>(payload.data());
        for (qsizetype i = 0; i < qsizetype(length); ++i)
            out[i] = data[i] ^ mask[i & 3];
        offset += frameSize;

        switch (WebSocketOpcode(opcode)) {
        case WebSocketOpcode::Ping:
            return Event{Event::Kind::Ping, payload, 0};
        case WebSocketOpcode::Pong:
            return Event{Event::Kind::Pong, payload, 0};
        case WebSocketOpcode::Close: {
            if (payload.size() == 1)
                return error(CloseCode::protocolError, "close frame with a one-byte payload");
            if (payload.isEmpty())
                return Event{Event::Kind::Close, {}, 1005};
            const quint16 code = qFromBigEndian<quint16>(payload.constData());
            if (!isValidCloseCode(code))
                return error(CloseCode::protocolError, "invalid close code");
            QByteArray reason = payload.sliced(2);
            if (!isValidUtf8(reason))
                return error(CloseCode::invalidPayload, "close reason is not valid UTF-8");
            return Event{Event::Kind::Close, reason, code};
        }
        case WebSocketOpcode::Continuation:
        case WebSocketOpcode::Text:
        case WebSocketOpcode::Binary:
            break;
        }

        quint8 messageOpcode = opcode;
        if (WebSocketOpcode(opcode) == WebSocketOpcode::Continuation) {
            m_fragments.append(payload);
            if (!fin)
                continue; // a fragment: read on (a loop, so many tiny fragments cannot exhaust the stack)
            messageOpcode = m_fragmentOpcode;
            payload = std::exchange(m_fragments, {});
            m_fragmentOpcode = 0;
        } else if (!fin) {
            m_fragmentOpcode = opcode;
            m_fragments = payload;
            continue; // a fragment: read on (a loop, so many tiny fragments cannot exhaust the stack)
        }

        if (WebSocketOpcode(messageOpcode) == WebSocketOpcode::Text) {
            if (!isValidUtf8(payload))
                return error(CloseCode::invalidPayload, "text message is not valid UTF-8");
            return Event{Event::Kind::Text, payload, 0};
        }
        return Event{Event::Kind::Binary, payload, 0};
    }
}

} // namespace Kaiwa::Server
