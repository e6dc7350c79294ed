// SPDX-License-Identifier: MIT
#include "chatservice.h"

#include "common/serverevent.h"
#include "historyreader.h"
#include "layers/channellayer.h"
#include "metrics.h"
#include "serverlogging.h"

#include <QElapsedTimer>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

ChatService::ChatService(ChannelLayer *layer, MessageStore *store, ChatSettings settings, QObject *parent)
    : QObject(parent)
    , m_layer(layer)
    , m_store(store)
    , m_settings(settings)
{
    connect(m_layer, &ChannelLayer::memberJoined, this, &ChatService::onMemberJoined);
    connect(m_layer, &ChannelLayer::memberLeft, this, &ChatService::onMemberLeft);
}

QString ChatService::groupName(const QString &room)
{
    return u"chat."_s + room;
}

QString ChatService::roomOf(const QString &group)
{
    return group.mid(5);
}

void ChatService::join(const QString &room, const Member &member)
{
    m_layer->presenceAdd(groupName(room), GroupMember{member.id, member.user});
}

void ChatService::leave(const QString &room, const QString &memberId)
{
    m_layer->presenceRemove(groupName(room), memberId);
}

void ChatService::presence(const QString &room, std::function<void(const PresenceEvent &)> callback)
{
    m_layer->presenceMembers(groupName(room), [room, callback = std::move(callback)](const QList<GroupMember> &members) {
        PresenceEvent event{room, {}};
        event.members.reserve(members.size());
        for (const GroupMember &member : members)
            event.members.append(Member{member.id, member.name});
        callback(event);
    });
}

void ChatService::typing(const QString &room, const Member &member, int expiresInMs)
{
    m_layer->groupSend(groupName(room), Envelope(toWire(TypingEvent{room, member, expiresInMs}.toJson()),
                                                 Envelope::Audience::KaiwaV1, 0, member.id));
}

void ChatService::onMemberJoined(const QString &group, const GroupMember &member)
{
    // Every daemon derives this from the layer's report itself: local delivery only. The newcomer is
    // the origin, so it does not get its own join (its presence list already holds it).
    const QString room = roomOf(group);
    m_layer->groupSendLocal(group, Envelope(toWire(MemberJoinedEvent{room, Member{member.id, member.name}}.toJson()),
                                            Envelope::Audience::KaiwaV1, 0, member.id));
}

void ChatService::onMemberLeft(const QString &group, const GroupMember &member)
{
    const QString room = roomOf(group);
    m_layer->groupSendLocal(group, Envelope(toWire(MemberLeftEvent{room, Member{member.id, member.name}}.toJson()),
                                            Envelope::Audience::KaiwaV1, 0, member.id));
}

std::optional<MessageStore::AppendResult> ChatService::post(const QString &room, const QString &user,
                                                            const QString &text, const QString &clientId,
                                                            bool verified)
{
    QElapsedTimer timer;
    timer.start();
    auto result = m_store->append(ChatMessage{0, room, user, {}, text, clientId, verified});
    if (m_metrics)
        m_metrics->observeStoreLatency(timer.nsecsElapsed());
    if (!result) {
        qCWarning(lcConsumer) << "could not store a message in" << room << ":" << m_store->errorString();
        return std::nullopt;
    }
    if (!result->duplicate) {
        if (m_metrics)
            m_metrics->countMessageStored();
        m_layer->groupSend(groupName(room),
                           Envelope(result->message.toWire(), Envelope::Audience::Everyone, result->message.id));
    }
    return result;
}

HistoryPageEvent ChatService::historyPage(const QString &room, qint64 beforeId, int limit) const
{
    const HistoryReader::Answer answer = HistoryReader(m_store, m_settings.historyBudgetBytes).before(room, beforeId, limit);
    HistoryPageEvent page{room, {}, answer.more};
    page.messages.reserve(answer.entries.size());
    for (const HistoryReader::Entry &entry : answer.entries)
        page.messages.append(entry.message);
    return page;
}

} // namespace Kaiwa::Server
