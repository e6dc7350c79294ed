// SPDX-License-Identifier: MIT
#pragma once

#include "roompolicy.h"

#include <QHostAddress>
#include <QString>

#include <optional>

namespace Kaiwa::Server {

/**
 * The doors of the rooms, for the router (docs/protocol.md, "Rooms with owners"): whether a connection or a page
 * request may enter a room, and the direct-message room of two accounts. ChatService implements it; the router asks
 * it before a page or an upgrade, so a private room answers as a room that does not exist everywhere.
 */
class RoomAccess
{
public:
    virtual ~RoomAccess() = default;
    /// Whether the account (empty: anonymous, from `address`) may enter the room.
    virtual RoomPolicy::Entry mayEnter(const QString &room, const QString &account, const QHostAddress &address) = 0;
    /**
     * The direct-message room of the signed-in `account` with `other`, made on its first use (private, both
     * members); nothing when `other` is no account, is `account` itself, or the store failed.
     */
    virtual std::optional<QString> directRoom(const QString &account, const QString &other) = 0;
};

} // namespace Kaiwa::Server
