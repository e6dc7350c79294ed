// SPDX-License-Identifier: MIT
#include "chatservice.h"

#include "chatconsumer.h"
#include "chatgroup.h"
#include "consumerslogging.h"
#include "layers/channellayer.h"
#include "layers/presence.h"
#include "metrics/metrics.h"

#include <QElapsedTimer>

#include <map>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

ChatService::ChatService(ChannelLayer *layer, MessageStore *store, ChatSettings settings, Metrics *metrics,
                         QObject *parent)
    : QObject(parent)
    , m_layer(layer)
    , m_store(store)
    , m_settings(settings)
    , m_metrics(metrics)
{
    connect(m_layer->presence(), &Presence::memberJoined, this, &ChatService::onMemberJoined);
    connect(m_layer->presence(), &Presence::memberLeft, this, &ChatService::onMemberLeft);
}

ChatService::~ChatService() = default;

QString ChatService::degradedReason() const
{
    return m_layer->degradedReason();
}

QString ChatService::newMemberId()
{
    return m_layer->presence()->newMemberId();
}

ChatService::Joined ChatService::join(ChatConsumer *connection, std::optional<qint64> since)
{
    const QString &room = connection->room();
    const QString group = ChatGroup::name(room);
    const Member member = connection->member();
    const QString channel = m_layer->newChannel(connection, u"chat");
    m_layer->groupAdd(group, channel);
    m_connections.add(connection);
    // Tutorial-only clients are members too (others see them), they just get no typed events.
    m_layer->presence()->join(group, GroupMember{member.id, member.user});

    Joined joined;
    joined.subscription.reset(new RoomSubscription(m_layer, &m_connections, connection, room, member.id, channel));
    // Replay, then live, with no gap and no duplicate: every message is stored before it is sent, so a
    // replay that reads the store until it has caught up misses nothing, and the consumer skips live
    // copies of what it replayed.
    joined.lastId = m_store->lastId(room);
    if (since) {
        // The store gives ids out one by one, so more than `maxRecovery` were missed exactly when the
        // newest id is further ahead: replay the newest `maxRecovery` and report the rest as a gap.
        // A room whose every message expired keeps nothing before its next id.
        const qint64 from = std::max(*since, joined.lastId - m_settings.maxRecovery);
        const qint64 firstId = m_store->firstId(room);
        const qint64 firstAvailable = std::max(firstId > 0 ? firstId : joined.lastId + 1, from + 1);
        if (joined.lastId > *since && firstAvailable > *since + 1)
            joined.gap = HistoryGapEvent{*since, firstAvailable};
        joined.replayAfter = from;
    } else if (m_settings.historyOnJoin > 0) {
        joined.replayAfter = std::max<qint64>(0, joined.lastId - m_settings.historyOnJoin);
    }
    return joined;
}

void ChatService::presence(const QString &room, PresenceCallback done)
{
    const auto toEvent = [room, done = std::move(done)](const QList<GroupMember> &members) {
        PresenceEvent event{room, {}};
        event.members.reserve(members.size());
        for (const GroupMember &member : members)
            event.members.append(Member{member.id, member.name});
        done(event);
    };
    m_layer->presence()->members(ChatGroup::name(room), toEvent);
}

void ChatService::typing(const QString &room, const Member &member, int expiresInMs)
{
    m_layer->groupSend(ChatGroup::name(room), Envelope(toWire(TypingEvent{room, member, expiresInMs}.toJson()),
                                                       Envelope::Audience::KaiwaV1, 0, member.id));
}

void ChatService::onMemberJoined(const QString &group, const GroupMember &member)
{
    // Every daemon derives this from the layer's report itself: local delivery only. The newcomer is
    // the origin, so it does not get its own join (its presence list already holds it).
    const auto room = ChatGroup::room(group);
    if (!room)
        return;
    m_layer->groupSendLocal(group, Envelope(toWire(MemberJoinedEvent{*room, Member{member.id, member.name}}.toJson()),
                                            Envelope::Audience::KaiwaV1, 0, member.id));
}

void ChatService::onMemberLeft(const QString &group, const GroupMember &member)
{
    const auto room = ChatGroup::room(group);
    if (!room)
        return;
    m_layer->groupSendLocal(group, Envelope(toWire(MemberLeftEvent{*room, Member{member.id, member.name}}.toJson()),
                                            Envelope::Audience::KaiwaV1, 0, member.id));
}

void ChatService::post(const ChatMessage &message, PostCallback done)
{
    QElapsedTimer timer;
    timer.start();
    const auto result = m_store->append(message);
    if (m_metrics)
        m_metrics->observeStoreLatency(timer.nsecsElapsed());
    if (!result) {
        qCWarning(lcConsumer) << "could not store a message in" << message.room << ":" << m_store->errorString();
        done(std::nullopt);
        return;
    }
    if (!result->duplicate) {
        if (m_metrics)
            m_metrics->countMessageStored();
        m_layer->groupSend(ChatGroup::name(message.room), ChatGroup::envelope(result->message));
    }
    done(result);
}

void ChatService::replay(const QString &room, qint64 afterId, ReplayCallback done) const
{
    done(HistoryReader(m_store, m_settings.historyBudgetBytes).after(room, afterId));
}

void ChatService::historyPage(const QString &room, qint64 beforeId, int limit, PageCallback done) const
{
    const HistoryReader::Answer answer = HistoryReader(m_store, m_settings.historyBudgetBytes).before(room, beforeId, limit);
    HistoryPageEvent page{room, {}, answer.more};
    page.messages.reserve(answer.entries.size());
    for (const HistoryReader::Entry &entry : answer.entries)
        page.messages.append(entry.message);
    done(page);
}

void ChatService::rooms(RoomsCallback done) const
{
    // Rooms with history, plus rooms that have members but nothing stored yet.
    std::map<QString, Room> byName;
    for (const RoomStats &stats : m_store->rooms())
        byName[stats.room] = Room{stats.room, 0, stats.messages, stats.lastId, stats.lastActivity};
    for (const QString &group : m_layer->localGroups()) {
        if (const auto room = ChatGroup::room(group))
            byName.try_emplace(*room, Room{*room, 0, 0, 0, {}});
    }
    QList<Room> rooms;
    rooms.reserve(qsizetype(byName.size()));
    for (auto &[name, room] : byName) {
        room.members = m_layer->localGroupSize(ChatGroup::name(name));
        rooms.append(std::move(room));
    }
    done(rooms);
}

} // namespace Kaiwa::Server
