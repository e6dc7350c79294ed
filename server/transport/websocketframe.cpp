// SPDX-License-Identifier: MIT
#include "websocketframe.h"

#include <QtEndian>

namespace Kaiwa::Server {

QByteArray WebSocketFrame::encode(WebSocketOpcode opcode, QByteArrayView payload)
{
    const auto size = quint64(payload.size());
    const int headerSize = size < 126 ? 2 : (size <= 0xFFFF ? 4 : 10);
    QByteArray frame(headerSize + payload.size(), Qt::Uninitialized);
    auto *out = reinterpret_cast<uchar *>(frame.data());
    out[0] = 0x80 | quint8(opcode); // FIN, no extensions
    if (size < 126) {
        out[1] = uchar(size);
    } else if (size <= 0xFFFF) {
        out[1] = 126;
        qToBigEndian(quint16(size), out + 2);
    } else {
        out[1] = 127;
        qToBigEndian(size, out + 2);
    }
    if (!payload.isEmpty())
        memcpy(out + headerSize, payload.data(), payload.size());
    return frame;
}

QByteArray WebSocketFrame::close(quint16 code, QByteArrayView reason)
{
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian(code, reinterpret_cast<uchar *>(payload.data()));
    QByteArrayView cut = reason.first(qMin<qsizetype>(reason.size(), 123));
    // Never cut inside a UTF-8 sequence: when the next byte continues a character, drop that
    // character's bytes (continuation bytes, then their lead byte). A cut between two characters stays.
    if (cut.size() < reason.size() && (uchar(reason[cut.size()]) & 0xC0) == 0x80) {
        while (!cut.isEmpty() && (uchar(cut.back()) & 0xC0) == 0x80)
            cut.chop(1);
        if (!cut.isEmpty() && uchar(cut.back()) >= 0xC0)
            cut.chop(1);
    }
    payload.append(cut);
    return encode(WebSocketOpcode::Close, payload);
}

} // namespace Kaiwa::Server
