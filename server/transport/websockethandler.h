// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace Kaiwa::Server {

/**
 * The one object that speaks for a WebSocketConnection (a consumer, in practice): the connection calls it directly.
 *
 * Why not signals: every connection has exactly one handler, and four signal connections cost the connection and
 * the handler about 300 bytes per idle connection (docs/performance.md, "Idle memory").
 */
class WebSocketHandler
{
public:
    virtual ~WebSocketHandler() = default;

    virtual void onTextMessage(const QByteArray &utf8) = 0;
    virtual void onBinaryMessage(const QByteArray &data) = 0;
    /// The closing handshake started, from either side: nothing more is delivered.
    virtual void onClosing(quint16 code) = 0;
    virtual void onDisconnected() = 0;
};

} // namespace Kaiwa::Server
