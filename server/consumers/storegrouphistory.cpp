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
    const QList<RoomEvent> events = m_store->events(*room, afterId, 0, limit);
    envelopes.reserve(events.size());
    for (const RoomEvent &event : events)
        envelopes.append(ChatGroup::envelope(event));
    return envelopes;
}

} // namespace Kaiwa::Server
