// SPDX-License-Identifier: MIT
#include "redisenvelopecodec.h"

#include <QtEndian>

namespace Kaiwa::Server::RedisEnvelopeCodec {

namespace {
constexpr char s_tag[2] = {'K', '1'};
constexpr char s_originTag[2] = {'K', '2'};
constexpr qsizetype s_headerSize = 2 + 1 + 8;
} // namespace

QByteArray encode(const Envelope &envelope)
{
    QByteArray bytes;
    const QByteArray origin = envelope.origin().toUtf8().left(255);
    bytes.reserve(s_headerSize + 1 + origin.size() + envelope.payload().size());
    bytes.append(origin.isEmpty() ? s_tag : s_originTag, 2);
    bytes.append(char(envelope.audience()));
    char id[8];
    qToBigEndian<qint64>(envelope.messageId(), id);
    bytes.append(id, 8);
    if (!origin.isEmpty()) {
        bytes.append(char(quint8(origin.size())));
        bytes.append(origin);
    }
    bytes.append(envelope.payload());
    return bytes;
}

std::optional<Envelope> decode(const QByteArray &bytes)
{
    if (bytes.size() < s_headerSize || bytes.at(0) != s_tag[0] || (bytes.at(1) != s_tag[1] && bytes.at(1) != s_originTag[1]))
        return std::nullopt;
    const auto audience = quint8(bytes.at(2));
    if (audience > quint8(Envelope::Audience::KaiwaV1))
        return std::nullopt;
    const qint64 id = qFromBigEndian<qint64>(bytes.constData() + 3);
    if (id < 0)
        return std::nullopt;
    if (bytes.at(1) == s_tag[1])
        return Envelope(bytes.mid(s_headerSize), Envelope::Audience(audience), id);
    if (bytes.size() < s_headerSize + 1)
        return std::nullopt;
    const qsizetype originSize = quint8(bytes.at(s_headerSize));
    if (bytes.size() < s_headerSize + 1 + originSize)
        return std::nullopt;
    return Envelope(bytes.mid(s_headerSize + 1 + originSize), Envelope::Audience(audience), id,
                    QString::fromUtf8(bytes.mid(s_headerSize + 1, originSize)));
}

} // namespace Kaiwa::Server::RedisEnvelopeCodec
