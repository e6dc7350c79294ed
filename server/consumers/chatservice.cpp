// SPDX-License-Identifier: MIT
#include "chatservice.h"

#include "chatconsumer.h"
#include "chatgroup.h"
#include "consumerslogging.h"
#include "layers/channellayer.h"
#include "layers/presence.h"
#include "metrics/metrics.h"

#include "common/reactionemoji.h"

#include <QCryptographicHash>
#include <QElapsedTimer>

#include <algorithm>
#include <limits>
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
    , m_readMarkers(store->createReadMarkerStore())
    , m_policies(store->createRoomPolicyStore())
    , m_moderation(std::make_unique<RoomModeration>(layer, &m_connections, m_policies.get(), nullptr))
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

ChatService::Joined ChatService::join(ChatConsumer *connection, std::optional<qint64> since, const QString &epoch)
{
    const QString &room = connection->room();
    const QString group = ChatGroup::name(room);
    const Member member = connection->member();
    const QString channel = m_layer->newChannel(connection, u"chat");
    const QString account = connection->account();
    // The account's group before the room's: with Redis, once the room's subscription is up (the presence list
    // waits for it), so is the account's. The channel leaves both when the subscription closes it.
    if (!account.isEmpty() && connection->isKaiwaV1())
        m_layer->groupAdd(ChatGroup::accountName(account), channel);
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
    joined.epoch = this->epoch(room);
    if (!account.isEmpty() && m_readMarkers) {
        joined.readId = m_readMarkers->join(account, room, joined.lastId);
        if (!joined.readId)
            qCWarning(lcConsumer) << "could not read the read marker of" << account << "in" << room << ":"
                                  << m_readMarkers->errorString();
    }
    if (since && (*since > joined.lastId || (!epoch.isEmpty() && epoch != joined.epoch))) {
        // What the client holds is of another history (reset, restored from a backup): it starts afresh.
        joined.reset = HistoryResetEvent{room, joined.epoch, joined.lastId};
        since.reset();
    }
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
        // The latest messages as they are now, then every event after the join's last id (an edit of one of
        // them stored while the replay runs is such an event).
        joined.replayAfter = m_store->latestMessagesStart(room, m_settings.historyOnJoin);
        joined.messagesUpTo = joined.lastId;
    }
    return joined;
}

QString ChatService::epoch(const QString &room) const
{
    const QString stored = m_store->epoch(room);
    if (stored.isEmpty())
        return {}; // the store could not say (it failed): no epoch is better than a wrong one
    // A copy of the database (a restored backup) has another identity, so its rooms other epochs.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(m_store->identity().toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(room.toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(stored.toUtf8());
    return QString::fromLatin1(hash.result().toHex().left(32));
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

void ChatService::post(const ChatMessage &message, const QString &author, PostCallback done)
{
    QElapsedTimer timer;
    timer.start();
    const auto result = m_store->append(message, author);
    if (m_metrics)
        m_metrics->observeStoreLatency(timer.nsecsElapsed());
    if (!result) {
        qCWarning(lcConsumer) << "could not store a message in" << message.room << ":" << m_store->errorString();
        done(std::nullopt);
        return;
    }
    if (!result->duplicate && result->refusal == MessageStore::Refusal::None) {
        if (m_metrics)
            m_metrics->countMessageStored();
        m_layer->groupSend(ChatGroup::name(message.room), ChatGroup::envelope(result->message));
    }
    done(result);
}

namespace {

ChatService::EventOutcome refused(ErrorCode code, const QString &detail)
{
    return {0, false, code, detail};
}

} // namespace

bool ChatService::mayEdit(const Actor &actor, const MessageStore::MessageFacts &message) const
{
    if (message.author.isEmpty() || message.author != actor.author)
        return false;
    return m_settings.editWindowSeconds <= 0
           || message.time.secsTo(QDateTime::currentDateTimeUtc()) <= m_settings.editWindowSeconds;
}

bool ChatService::mayDelete(const Actor &actor, const MessageStore::MessageFacts &message, RoomPolicyStore::Role role)
{
    return role >= RoomPolicyStore::Role::Moderator || (!message.author.isEmpty() && message.author == actor.author);
}

void ChatService::edit(const Actor &actor, const EditRequest &request, EventCallback done)
{
    const auto facts = m_store->messageFacts(actor.room, request.id);
    if (!facts) {
        done(refused(ErrorCode::StoreFailed, u"the edit could not be stored"_s));
        return;
    }
    // An unknown or deleted target is the store's to say, after it looked for a retried client_id.
    if (facts->exists && facts->isMessage && !mayEdit(actor, *facts)) {
        done(refused(ErrorCode::Forbidden, facts->author == actor.author && !actor.author.isEmpty()
                                               ? u"message %1 is older than the edit window"_s.arg(request.id)
                                               : u"only the author of message %1 may edit it"_s.arg(request.id)));
        return;
    }
    store(ChatEditEvent{.room = actor.room,
                        .target = request.id,
                        .text = request.text,
                        .user = actor.user,
                        .verified = actor.verified,
                        .clientId = request.clientId},
          actor.author, done);
}

void ChatService::remove(const Actor &actor, const DeleteRequest &request, EventCallback done)
{
    const auto facts = m_store->messageFacts(actor.room, request.id);
    if (!facts) {
        done(refused(ErrorCode::StoreFailed, u"the delete could not be stored"_s));
        return;
    }
    const QString account = actor.verified ? actor.user : QString();
    if (facts->exists && facts->isMessage && !mayDelete(actor, *facts, m_moderation->role(actor.room, account))) {
        done(refused(ErrorCode::Forbidden,
                     u"only the author of message %1 or a moderator of the room may delete it"_s.arg(request.id)));
        return;
    }
    const bool byModerator = facts->author != actor.author;
    store(ChatDeleteEvent{.room = actor.room,
                          .target = request.id,
                          .user = actor.user,
                          .moderator = byModerator,
                          .clientId = request.clientId},
          actor.author,
          [this, actor, account, byModerator, target = request.id, author = facts->author,
           done](const EventOutcome &outcome) {
              // Everything a moderator does is in the room's audit log (docs/protocol.md, "Audit").
              if (byModerator && !outcome.error && !outcome.duplicate)
                  m_moderation->auditDelete(actor.room, account, target, author);
              done(outcome);
          });
}

void ChatService::react(const Actor &actor, const ReactionRequest &request, EventCallback done)
{
    if (!ReactionEmoji::isValid(request.emoji)) {
        done(refused(ErrorCode::InvalidEmoji,
                     u"\"emoji\" must be one emoji (at most %1 bytes of UTF-8)"_s.arg(Protocol::maxEmojiBytes)));
        return;
    }
    store(ChatReactionEvent{.room = actor.room,
                            .target = request.id,
                            .emoji = request.emoji,
                            .user = actor.user,
                            .added = request.added,
                            .clientId = request.clientId},
          actor.author, done);
}

void ChatService::store(const RoomEvent &event, const QString &author, const EventCallback &done)
{
    QElapsedTimer timer;
    timer.start();
    const auto result = m_store->appendEvent(event, author);
    if (m_metrics)
        m_metrics->observeStoreLatency(timer.nsecsElapsed());
    const qint64 target = RoomEvents::target(event);
    if (!result) {
        qCWarning(lcConsumer) << "could not store an event in" << RoomEvents::room(event) << ":"
                              << m_store->errorString();
        done(refused(ErrorCode::StoreFailed, u"the change could not be stored and was not delivered"_s));
        return;
    }
    switch (result->refusal) {
    case MessageStore::Refusal::UnknownTarget:
        done(refused(ErrorCode::UnknownTarget, u"this room has no message %1"_s.arg(target)));
        return;
    case MessageStore::Refusal::DeletedTarget:
        done(refused(ErrorCode::DeletedTarget, u"message %1 was deleted"_s.arg(target)));
        return;
    case MessageStore::Refusal::TooManyReactions:
        done(refused(ErrorCode::TooManyReactions,
                     u"message %1 holds %2 different reactions at most, %3 of them from one person"_s.arg(target)
                         .arg(Protocol::maxReactionsPerMessage)
                         .arg(Protocol::maxReactionsPerReactor)));
        return;
    case MessageStore::Refusal::None:
        break;
    }
    const qint64 id = RoomEvents::id(result->event);
    if (!result->duplicate)
        m_layer->groupSend(ChatGroup::name(RoomEvents::room(event)), ChatGroup::envelope(result->event));
    done(EventOutcome{id, result->duplicate, std::nullopt, {}});
}

void ChatService::replay(const QString &room, qint64 afterId, qint64 messagesUpTo, ReplayCallback done) const
{
    done(HistoryReader(m_store, m_settings.historyBudgetBytes).after(room, afterId, messagesUpTo));
}

void ChatService::historyPage(const QString &room, qint64 beforeId, int limit, PageCallback done) const
{
    const HistoryReader::Answer answer =
        HistoryReader(m_store, m_settings.historyBudgetBytes).before(room, beforeId, limit);
    HistoryPageEvent page{room, {}, answer.more};
    page.messages.reserve(answer.entries.size());
    for (const HistoryReader::Entry &entry : answer.entries)
        page.messages.append(std::get<ChatMessage>(entry.event));
    done(page);
}

void ChatService::markRead(const QString &account, const QString &room, qint64 id, ReadCallback done)
{
    const auto moved = m_readMarkers ? m_readMarkers->advance(account, room, id) : std::nullopt;
    if (!moved) {
        qCWarning(lcConsumer) << "could not store the read marker of" << account << "in" << room << ":"
                              << (m_readMarkers ? m_readMarkers->errorString() : u"the store keeps none"_s);
        done(false);
        return;
    }
    if (*moved > 0) {
        m_layer->groupSend(ChatGroup::accountName(account),
                           Envelope(toWire(ReadEvent{room, *moved}.toJson()), Envelope::Audience::KaiwaV1));
    }
    done(true);
}

void ChatService::rooms(const QString &account, RoomsCallback done) const
{
    // Rooms with history, plus rooms that have members but nothing stored yet.
    std::map<QString, Room> byName;
    for (const RoomStats &stats : m_store->rooms())
        byName[stats.room] = Room{stats.room, 0, stats.messages, stats.lastId, stats.lastActivity};
    for (const QString &group : m_layer->localGroups()) {
        if (const auto room = ChatGroup::room(group))
            byName.try_emplace(*room, Room{*room, 0, 0, 0, {}});
    }
    if (!account.isEmpty() && m_readMarkers) {
        // A marker in a room that is not listed (nothing stored, nobody here) stays unlisted.
        const auto markers = m_readMarkers->markers(account);
        if (!markers)
            qCWarning(lcConsumer) << "could not read the read markers of" << account << ":"
                                  << m_readMarkers->errorString();
        for (const ReadMarkerStore::Marker &marker : markers.value_or(QList<ReadMarkerStore::Marker>())) {
            if (const auto it = byName.find(marker.room); it != byName.end()) {
                it->second.readId = marker.readId;
                it->second.unread = marker.unread;
                it->second.mentions = marker.mentions;
            }
        }
    }
    QList<Room> rooms;
    QStringList groups;
    rooms.reserve(qsizetype(byName.size()));
    groups.reserve(qsizetype(byName.size()));
    for (auto &[name, room] : byName) {
        groups.append(ChatGroup::name(name));
        room.members = m_layer->localGroupSize(groups.constLast());
        rooms.append(std::move(room));
    }
    m_layer->presence()->memberCounts(
        groups, [rooms, done = std::move(done)](const QHash<QString, qsizetype> &counts) mutable {
            for (Room &room : rooms)
                room.online = counts.value(ChatGroup::name(room.name));
            const auto activity = [](const Room &room) {
                return room.lastActivity.isValid() ? room.lastActivity.toMSecsSinceEpoch()
                                                   : std::numeric_limits<qint64>::min();
            };
            // Most active first: people there now, then the latest message, then the name.
            std::stable_sort(rooms.begin(), rooms.end(), [&](const Room &left, const Room &right) {
                if (left.online != right.online)
                    return left.online > right.online;
                return activity(left) > activity(right);
            });
            done(rooms);
        });
}

void ChatService::search(const MessageStore::SearchQuery &query, const QString &asker, SearchCallback done) const
{
    // Every room is public today; private rooms (issue 18) will leave out those the asker may not read.
    Q_UNUSED(asker)
    done(m_store->search(query));
}

void ChatService::auditLog(const QString &room, const QString &asker, qint64 beforeId, int limit,
                           AuditCallback done) const
{
    done(m_moderation->auditLog(room, asker, beforeId, limit));
}

} // namespace Kaiwa::Server
