// SPDX-License-Identifier: MIT
#include "storegrouphistory.h"

#include "common/serverevent.h"
#include "consumers/chatservice.h"
#include "storage/messagestore.h"

namespace Kaiwa::Server {

namespace {

/// The room of a chat group; empty for any other group.
QString roomOf(const QString &group)
{
    static const QString prefix = ChatService::groupName(QString());
    return group.startsWith(prefix) ? group.mid(prefix.size()) : QString();
}

} // namespace

StoreGroupHistory::StoreGroupHistory(MessageStore *store)
    : m_store(store)
{
}

qint64 StoreGroupHistory::lastId(const QString &group)
{
    const QString room = roomOf(group);
    return room.isEmpty() ? 0 : m_store->lastId(room);
}

QList<Envelope> StoreGroupHistory::after(const QString &group, qint64 afterId, int limit)
{
    const QString room = roomOf(group);
    if (room.isEmpty())
        return {};
    QList<Envelope> envelopes;
    const QList<ChatMessage> messages = m_store->after(room, afterId, limit);
    envelopes.reserve(messages.size());
    for (const ChatMessage &message : messages)
        envelopes.append(Envelope(message.toWire(), Envelope::Audience::Everyone, message.id));
    return envelopes;
}

} // namespace Kaiwa::Server
