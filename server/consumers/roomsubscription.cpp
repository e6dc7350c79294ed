// SPDX-License-Identifier: MIT
#include "roomsubscription.h"

#include "chatgroup.h"
#include "connectionregistry.h"
#include "layers/channellayer.h"
#include "layers/presence.h"

namespace Kaiwa::Server {

RoomSubscription::RoomSubscription(ChannelLayer *layer, ConnectionRegistry *registry, ChatConsumer *connection,
                                   QString room, QString memberId, QString channel)
    : m_layer(layer)
    , m_registry(registry)
    , m_connection(connection)
    , m_room(std::move(room))
    , m_memberId(std::move(memberId))
    , m_channel(std::move(channel))
{
}

RoomSubscription::~RoomSubscription()
{
    m_layer->presence()->leave(ChatGroup::name(m_room), m_memberId);
    m_registry->remove(m_connection);
    m_layer->closeChannel(m_channel);
}

} // namespace Kaiwa::Server
