// SPDX-License-Identifier: MIT
#include "storegrouphistory.h"

#include "chatgroup.h"
#include "storage/messagestore.h"

namespace Kaiwa::Server {

StoreGroupHistory::StoreGroupHistory(MessageStore *store)
    : m_store(store)
{
}

qint64 StoreGroupHistory::lastId(const QString &group)
{
    const auto room = ChatGroup::room(group);
    return room ? m_store->lastId(*room) : 0;
}

QList<Envelope> StoreGroupHistory::after(const QString &group, qint64 afterId, int limit)
{
    const auto room = ChatGroup::room(group);
    if (!room)
        return {};
    QList<Envelope> envelopes;
    const QList<ChatMessage> messages = m_store->after(*room, afterId, limit);
    envelopes.reserve(messages.size());
    for (const ChatMessage &message : messages)
        envelopes.append(ChatGroup::envelope(message));
    return envelopes;
}

} // namespace Kaiwa::Server
