// SPDX-License-Identifier: MIT
#include "chatservice.h"

#include "common/serverevent.h"
#include "layers/channellayer.h"
#include "serverlogging.h"

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

ChatService::ChatService(ChannelLayer *layer, MessageStore *store, ChatSettings settings, QObject *parent)
    : QObject(parent)
    , m_layer(layer)
    , m_store(store)
    , m_settings(settings)
{
}

QString ChatService::groupName(const QString &room)
{
    return u"chat."_s + room;
}

std::optional<MessageStore::AppendResult> ChatService::post(const QString &room, const QString &user,
                                                            const QString &text, const QString &clientId)
{
    auto result = m_store->append(ChatMessage{0, room, user, {}, text, clientId});
    if (!result) {
        qCWarning(lcConsumer) << "could not store a message in" << room << ":" << m_store->errorString();
        return std::nullopt;
    }
    if (!result->duplicate) {
        ++m_messagesPosted;
        m_layer->groupSend(groupName(room),
                           Envelope(toWire(result->message.toJson()), Envelope::Audience::Everyone, result->message.id));
    }
    return result;
}

HistoryPageEvent ChatService::historyPage(const QString &room, qint64 beforeId, int limit) const
{
    // One extra row tells whether an older page exists.
    QList<ChatMessage> messages =
        beforeId > 0 ? m_store->before(room, beforeId, limit + 1) : m_store->latest(room, limit + 1);
    const bool more = messages.size() > limit;
    if (more)
        messages.removeFirst();
    return HistoryPageEvent{room, messages, more};
}

} // namespace Kaiwa::Server
