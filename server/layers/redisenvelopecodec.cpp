// SPDX-License-Identifier: MIT
#include "redisenvelopecodec.h"

#include <QtEndian>

namespace Kaiwa::Server::RedisEnvelopeCodec {

namespace {
constexpr char s_tag[2] = {'K', '1'};
constexpr char s_originTag[2] = {'K', '2'};
constexpr char s_tutorialTag[2] = {'K', '3'};
constexpr qsizetype s_headerSize = 2 + 1 + 8;
} // namespace

QByteArray encode(const Envelope &envelope)
{
    QByteArray bytes;
    const QByteArray origin = envelope.origin().toUtf8().left(255);
    const QByteArray &tutorial = envelope.tutorialPayload();
    bytes.reserve(s_headerSize + 1 + origin.size() + 4 + tutorial.size() + envelope.payload().size());
    bytes.append(!tutorial.isEmpty() ? s_tutorialTag : origin.isEmpty() ? s_tag : s_originTag, 2);
    bytes.append(char(envelope.audience()));
    char id[8];
    qToBigEndian<qint64>(envelope.messageId(), id);
    bytes.append(id, 8);
    if (!origin.isEmpty() || !tutorial.isEmpty()) {
        bytes.append(char(quint8(origin.size())));
        bytes.append(origin);
    }
    if (!tutorial.isEmpty()) {
        char size[4];
        qToBigEndian<quint32>(quint32(tutorial.size()), size);
        bytes.append(size, 4);
        bytes.append(tutorial);
    }
    bytes.append(envelope.payload());
    return bytes;
}

std::optional<Envelope> decode(const QByteArray &bytes)
{
    if (bytes.size() < s_headerSize || bytes.at(0) != s_tag[0]
        || (bytes.at(1) != s_tag[1] && bytes.at(1) != s_originTag[1] && bytes.at(1) != s_tutorialTag[1]))
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
    qsizetype offset = s_headerSize + 1 + originSize;
    if (bytes.size() < offset)
        return std::nullopt;
    const QString origin = QString::fromUtf8(bytes.mid(s_headerSize + 1, originSize));
    if (bytes.at(1) == s_originTag[1])
        return Envelope(bytes.mid(offset), Envelope::Audience(audience), id, origin);
    if (bytes.size() < offset + 4)
        return std::nullopt;
    const qsizetype tutorialSize = qFromBigEndian<quint32>(bytes.constData() + offset);
    offset += 4;
    if (tutorialSize == 0 || bytes.size() - offset < tutorialSize || audience != quint8(Envelope::Audience::KaiwaV1))
        return std::nullopt;
    return Envelope(bytes.mid(offset + tutorialSize), bytes.mid(offset, tutorialSize), id);
}

} // namespace Kaiwa::Server::RedisEnvelopeCodec
