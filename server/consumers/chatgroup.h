// SPDX-License-Identifier: MIT
#pragma once

#include "common/chatmessage.h"
#include "layers/envelope.h"
#include "storage/roomevent.h"

#include <QString>

#include <optional>

namespace Kaiwa::Server {

/**
 * Where a room meets the channel layer, in one place: the name of its group ("chat.<room>") and the
 * envelope a stored message travels in. ChatService sends with them, StoreGroupHistory rebuilds the
 * same envelopes from the store (the Redis layer compares and fills gaps with them), and the room
 * directory finds rooms in the layer's groups with them.
 */
class ChatGroup
{
public:
    /// The channel-layer group of a room.
    static QString name(const QString &room);
    /// The room of a channel-layer group; nullopt for a group that is not a room's.
    static std::optional<QString> room(const QString &group);
    /**
     * The channel-layer group of a signed-in account ("account.<name>"): every kaiwa.v1 connection of the account,
     * in any room and on any daemon, so news for the account (its read markers moving) reach them all.
     */
    static QString accountName(const QString &account);
    /**
     * The channel-layer group every daemon's ChatService is in ("policy.rooms"): changes of rooms' settings, roles
     * and restrictions travel through it, so each daemon refreshes its RoomPolicy and acts on its own connections.
     */
    static QString policyName();
    /// The envelope a stored message is broadcast in: what every member receives, byte for byte what a replay sends.
    static Envelope envelope(const ChatMessage &message);
    /**
     * The envelope of any stored event: a message as above (a tombstone reaches kaiwa.v1 clients only); an
     * edit for kaiwa.v1 clients with its "✎" line for tutorial-only ones; a delete or reaction for kaiwa.v1
     * clients only (docs/protocol.md, "Tutorial-only clients").
     */
    static Envelope envelope(const RoomEvent &event);
};

} // namespace Kaiwa::Server
