// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Kaiwa::Server {

class ChannelLayer;
class ChatConsumer;
class ConnectionRegistry;

/**
 * One connection's place in its room, from ChatService::join() until it is destroyed: its channel in
 * the room's group (what the room is sent reaches the connection), its entry in the room's presence
 * (the others see it), and its entry in the daemon's ConnectionRegistry (per-account actions reach it).
 * Destroying it leaves the room: presence first, while still in the group, so the member.left goes out
 * to the others (not to the one leaving).
 *
 * Owned by the connection's consumer; the layer and the registry outlive every consumer (ServerApp).
 */
class RoomSubscription
{
public:
    ~RoomSubscription();
    Q_DISABLE_COPY_MOVE(RoomSubscription)

    const QString &room() const { return m_room; }
    const QString &memberId() const { return m_memberId; }

private:
    friend class ChatService;
    RoomSubscription(ChannelLayer *layer, ConnectionRegistry *registry, ChatConsumer *connection, QString room,
                     QString memberId, QString channel);

    ChannelLayer *m_layer;
    ConnectionRegistry *m_registry;
    ChatConsumer *m_connection;
    QString m_room;
    QString m_memberId;
    QString m_channel;
};

} // namespace Kaiwa::Server
