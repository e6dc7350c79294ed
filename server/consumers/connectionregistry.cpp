// SPDX-License-Identifier: MIT
#include "connectionregistry.h"

#include "chatconsumer.h"

namespace Kaiwa::Server {

void ConnectionRegistry::add(ChatConsumer *connection)
{
    m_byMember.insert(connection->member().id, connection);
    m_byRoom.insert(connection->room(), connection);
    if (connection->isKaiwaV1())
        ++m_kaiwaV1ByRoom[connection->room()];
    if (connection->account().isEmpty()) {
        m_anonymous.insert(connection);
        return;
    }
    m_byAccount.insert(connection->account(), connection);
    m_bySession.insert(connection->sessionHash(), connection);
}

void ConnectionRegistry::remove(ChatConsumer *connection)
{
    m_byMember.remove(connection->member().id);
    m_byRoom.remove(connection->room(), connection);
    if (connection->isKaiwaV1()) {
        const auto typed = m_kaiwaV1ByRoom.find(connection->room());
        if (typed != m_kaiwaV1ByRoom.end() && --*typed == 0)
            m_kaiwaV1ByRoom.erase(typed);
    }
    if (connection->account().isEmpty()) {
        m_anonymous.remove(connection);
        return;
    }
    m_byAccount.remove(connection->account(), connection);
    m_bySession.remove(connection->sessionHash(), connection);
}

} // namespace Kaiwa::Server
