// SPDX-License-Identifier: MIT
#include "envelope.h"

namespace Kaiwa::Server {

Envelope::Envelope(QByteArray payload, Audience audience, qint64 messageId, QString origin)
    : m_data(std::make_shared<Data>(Data{std::move(payload), {}, messageId, audience, std::move(origin)}))
{
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
