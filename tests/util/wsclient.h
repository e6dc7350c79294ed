// SPDX-License-Identifier: MIT
#pragma once

#include "common/serverevent.h"

#include <QJsonObject>
#include <QList>
#include <QSignalSpy>
#include <QWebSocket>

#include <functional>
#include <memory>

namespace KaiwaTest {

/// The query string that signs a socket in with a session token (`?token=`).
QString tokenQuery(const QByteArray &token);

/**
 * A QWebSocket test client that records every text frame as a JSON object.
 * Waiting is done on signals (QTRY_*), never with sleeps.
 */
class WsClient
{
public:
    /// With `kaiwaV1`, the client asks for the kaiwa.v1 subprotocol.
    explicit WsClient(bool kaiwaV1 = false);

    /// Opens the socket; true once connected (within the timeout).
    bool open(const QUrl &url, int timeoutMs = 10000);
    /// A client connected to `url`, or nullptr when it could not connect (QVERIFY it).
    static std::unique_ptr<WsClient> connected(const QUrl &url, bool kaiwaV1 = false);
    void sendJson(const QJsonObject &object);
    void sendText(const QString &text);

    /// Waits until at least `count` frames arrived in total.
    bool waitForFrames(qsizetype count, int timeoutMs = 10000);
    using FramePredicate = std::function<bool(const QJsonObject &)>;
    /// The first frame from index `from` on that satisfies `accept`, waiting for it; an empty object (which the
    /// caller's comparison reports) when none came in time.
    QJsonObject waitForFrame(const FramePredicate &accept, qsizetype from = 0, int timeoutMs = 10000) const;
    /// The first frame of `type` from index `from` on that also satisfies `accept` when one is given.
    QJsonObject waitForFrame(const QString &type, qsizetype from = 0, const FramePredicate &accept = {},
                             int timeoutMs = 10000) const;
    /// Sends a kaiwa.v1 request with its `client_id` (a fresh one when it has none) and waits for the `ack` or
    /// `error` that carries that id: that frame, or an empty object when none came in time.
    QJsonObject request(QJsonObject object, int timeoutMs = 10000);
    /// Waits until the socket is closed; true if it closed in time.
    bool waitForClose(int timeoutMs = 10000);

    /// Every frame received, parsed as a JSON object (non-objects are kept as empty objects).
    const QList<QJsonObject> &frames() const { return m_frames; }
    /// The "message" fields of frames whose type is chat.message (or absent), in arrival order.
    QStringList chatTexts() const;
    /// The ids of the chat.message frames (kaiwa-server's), in arrival order.
    QList<qint64> chatIds() const;
    /// Frames of one "type".
    QList<QJsonObject> framesOfType(const QString &type) const;

    QWebSocket &socket() { return *m_socket; }

private:
    std::unique_ptr<QWebSocket> m_socket;
    bool m_kaiwaV1 = false;
    QList<QJsonObject> m_frames;
};

} // namespace KaiwaTest
