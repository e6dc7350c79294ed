// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

namespace Kaiwa::Client {

Q_NAMESPACE

/// Where a room's link stands: RoomConnection moves through these, Room reports them to the views.
enum class ConnectionState {
    Disconnected,       ///< Not opened, closed, or waiting for the user (see Room::needsUserAction()).
    Connecting,         ///< Handshake in progress.
    Connected,          ///< The link is up.
    WaitingToReconnect, ///< Lost or failed; the next attempt is at the retry deadline.
};
Q_ENUM_NS(ConnectionState)

} // namespace Kaiwa::Client
