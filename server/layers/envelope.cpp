// SPDX-License-Identifier: MIT
#include "envelope.h"

namespace Kaiwa::Server {

Envelope::Envelope(QByteArray payload, Audience audience, qint64 messageId)
    : m_data(std::make_shared<Data>(Data{std::move(payload), {}, messageId, audience}))
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

} // namespace Kaiwa::Server
