// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace Kaiwa::Server {

/**
 * An event travelling through the channel layer: its JSON payload, encoded once, plus what a
 * receiver needs to decide whether and how to deliver it. Copies share one immutable body,
 * so a group send to N members costs N pointer copies, not N encodings.
 */
class Envelope
{
public:
    enum class Audience : quint8 {
        Everyone,   ///< chat.message and error: carry "message", safe for tutorial-only clients.
        KaiwaV1,    ///< typed events only for clients that negotiated the kaiwa.v1 subprotocol.
    };

    Envelope() = default;
    /// @param origin the member whose action this is (presence, typing); that member's own receiver skips it.
    Envelope(QByteArray payload, Audience audience, qint64 messageId = 0, QString origin = {});

    const QByteArray &payload() const;
    Audience audience() const;
    /// The chat message id carried, 0 for other events; receivers use it to skip what they replayed.
    qint64 messageId() const;
    /// The member id of the connection this event is about, which does not receive it; empty for chat.
    const QString &origin() const;
    bool isNull() const { return !m_data; }

    /**
     * The payload in a transport's own framing, computed by the first receiver that asks and
     * shared by all others (a WebSocket frame is the same bytes for every member of a room).
     * Single-threaded use only, like the layer itself.
     */
    template<typename Encoder>
    const QByteArray &encoded(Encoder &&encode) const
    {
        if (m_data->encoded.isNull())
            m_data->encoded = encode(m_data->payload);
        return m_data->encoded;
    }

private:
    struct Data {
        QByteArray payload;
        QByteArray encoded;
        qint64 messageId = 0;
        Audience audience = Audience::Everyone;
        QString origin;
    };
    std::shared_ptr<Data> m_data;
};

} // namespace Kaiwa::Server
