// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace Kaiwa::Server {

class WebSocketConnection;

/// What a route learnt of an accepted WebSocket before its consumer exists: Channels' `scope`.
struct ConsumerScope {
    QString room;                ///< From the path, decoded and validated.
    QString user;                ///< Sanitised display name, or the signed-in account.
    std::optional<qint64> since; ///< Last id the client saw, for recovery.
    bool kaiwaV1 = false;        ///< The client negotiated typed events.
    bool verified = false;       ///< `user` is the account the client signed in to.
    QByteArray sessionHash;      ///< With `verified`: the sign-in session (SessionToken::hash).
    QString epoch;               ///< With `since`: the epoch of the history it counts in; empty when not given.
};

/**
 * Makes and starts the consumer of an accepted WebSocket, as Channels' `Consumer.as_asgi()` does: a
 * WebSocket route holds one (ChatRouter), so the router never names a consumer class. The consumer
 * belongs to the socket (a child of it).
 */
using ConsumerFactory = std::function<void(WebSocketConnection *socket, ConsumerScope scope)>;

} // namespace Kaiwa::Server
