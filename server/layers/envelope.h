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
 *
 * An event may carry two payloads: the kaiwa.v1 one and what tutorial-only clients get instead
 * (an edit as a "✎ new text" chat.message line; docs/protocol.md, "Tutorial-only clients"). Those
 * clients never receive a frame without "message": a KaiwaV1 envelope without a tutorial payload
 * (a delete, a reaction) does not reach them at all.
 */
class Envelope
{
public:
    enum class Audience : quint8 {
        Everyone, ///< chat.message and error: carry "message", safe for tutorial-only clients.
        KaiwaV1,  ///< typed events only for clients that negotiated the kaiwa.v1 subprotocol.
    };

    Envelope() = default;
    /// @param origin the member whose action this is (presence, typing); that member's own receiver skips it.
    Envelope(QByteArray payload, Audience audience, qint64 messageId = 0, QString origin = {});
    /// A KaiwaV1 event that tutorial-only clients get as `tutorialPayload` (which must carry "message").
    Envelope(QByteArray payload, QByteArray tutorialPayload, qint64 messageId);

    const QByteArray &payload() const;
    /// What tutorial-only clients get instead of a KaiwaV1 payload; empty when they get nothing of it.
    const QByteArray &tutorialPayload() const;
    Audience audience() const;
    /// Whether a client of this kind receives the event.
    bool reaches(bool kaiwaV1) const;
    /// What a client of this kind receives (reaches() must be true): the tutorial payload for tutorial-only
    /// clients when there is one, else the payload.
    const QByteArray &payloadFor(bool kaiwaV1) const;
    /// The chat message id carried, 0 for other events; receivers use it to skip what they replayed.
    qint64 messageId() const;
    /// The member id of the connection this event is about, which does not receive it; empty for chat.
    const QString &origin() const;
    bool isNull() const { return !m_data; }

    /**
     * The payload a client of this kind gets (reaches() must be true) in a transport's own framing,
     * computed by the first receiver that asks and shared by all others (a WebSocket frame is the
     * same bytes for every member of a room). Single-threaded use only, like the layer itself.
     */
    template<typename Encoder>
    const QByteArray &encoded(Encoder &&encode, bool kaiwaV1 = true) const
    {
        QByteArray &cache = !kaiwaV1 && !m_data->tutorialPayload.isEmpty() ? m_data->encodedTutorial : m_data->encoded;
        if (cache.isNull())
            cache = encode(payloadFor(kaiwaV1));
        return cache;
    }

private:
    struct Data {
        QByteArray payload;
        QByteArray tutorialPayload;
        QByteArray encoded;
        QByteArray encodedTutorial;
        qint64 messageId = 0;
        Audience audience = Audience::Everyone;
        QString origin;
    };
    std::shared_ptr<Data> m_data;
};

} // namespace Kaiwa::Server
