// SPDX-License-Identifier: MIT
#include "envelope.h"

namespace Kaiwa::Server {

Envelope::Envelope(QByteArray payload, Audience audience, qint64 messageId, QString origin)
    : m_data(std::make_shared<Data>(Data{std::move(payload), {}, {}, {}, messageId, audience, std::move(origin)}))
{
}

Envelope::Envelope(QByteArray payload, QByteArray tutorialPayload, qint64 messageId)
    : m_data(std::make_shared<Data>(
        Data{std::move(payload), std::move(tutorialPayload), {}, {}, messageId, Audience::KaiwaV1, {}}))
{
}

const QByteArray &Envelope::tutorialPayload() const
{
    return m_data->tutorialPayload;
}

const QByteArray &Envelope::payloadFor(bool kaiwaV1) const
{
    return !kaiwaV1 && !m_data->tutorialPayload.isEmpty() ? m_data->tutorialPayload : m_data->payload;
}

bool Envelope::reaches(bool kaiwaV1) const
{
    return kaiwaV1 || m_data->audience == Audience::Everyone || !m_data->tutorialPayload.isEmpty();
}

const QByteArray &Envelope::payload() const
{
    return m_data->payload;
}

Envelope::Audience Envelope::audience() const
{
    return m_data->audience;
}

qint64 Envelope::messageId() const
{
    return m_data->messageId;
}

const QString &Envelope::origin() const
{
    return m_data->origin;
}

} // namespace Kaiwa::Server
