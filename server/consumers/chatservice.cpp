// SPDX-License-Identifier: MIT
#include "chatservice.h"

#include "chatconsumer.h"
#include "chatgroup.h"
#include "consumerslogging.h"
#include "layers/channellayer.h"
#include "layers/presence.h"
#include "metrics/metrics.h"
#include "storage/accountstore.h"

#include "common/protocol.h"
#include "common/reactionemoji.h"
#include "common/roomname.h"

#include <QCryptographicHash>
#include <QElapsedTimer>

#include <algorithm>
#include <limits>
#include <map>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
/// How often every daemon looks whether the room settings changed (docs/protocol.md: within about a second).
constexpr auto s_policyPollInterval = 1s;
/// Who changed a room when the change came from the store itself (the CLI), not through the policy group.
constexpr QStringView s_operator = u"(operator)";
} // namespace

ChatService::ChatService(ChannelLayer *layer, MessageStore *store, ChatSettings settings, Metrics *metrics,
                         QObject *parent)
    : QObject(parent)
    , m_layer(layer)
    , m_store(store)
    , m_settings(settings)
    , m_metrics(metrics)
    , m_readMarkers(store->createReadMarkerStore())
    , m_policy(std::make_unique<RoomPolicy>(store->createRoomPolicyStore()))
    , m_moderation(std::make_unique<RoomModeration>(layer, &m_connections, m_policy.get(), nullptr))
    , m_writer(store)
    , m_joinRoomStates(store, !layer->capabilities().testFlag(ChannelLayer::Capability::CrossProcess),
                       [this](const QString &room, const QString &stored) { return epochOf(room, stored); })
{
    // The append worker's commits are not the loop's store's writes: what joins read before them is stale.
    connect(&m_writer, &GroupCommit::committed, &m_joinRoomStates, &JoinRoomStates::forget);
    if (m_metrics) {
        connect(&m_writer, &GroupCommit::committed, this, [metrics = m_metrics](int messages, qint64 ns, bool stored) {
            if (stored)
                metrics->countStoreCommit();
            // Each message of the batch waited for the whole commit.
            metrics->observeStoreLatency(ns, quint64(messages));
        });
    }
    connect(m_layer->presence(), &Presence::memberJoined, this, &ChatService::onMemberJoined);
    connect(m_layer->presence(), &Presence::memberLeft, this, &ChatService::onMemberLeft);
    m_policyChannel = m_layer->newChannel(this, u"policy");
    m_layer->groupAdd(ChatGroup::policyName(), m_policyChannel);
    // Changes that did not come through the policy group: the operator's, made in the store.
    connect(m_policy.get(), &RoomPolicy::settingsChanged, this, [this](const QString &room, const auto &changed) {
        applyLocally(room,
                     toWire(RoomSettingsEvent{room, changed.topic, changed.isPrivate, s_operator.toString()}.toJson()));
    });
    connect(m_policy.get(), &RoomPolicy::roleChanged, this,
            [this](const QString &room, const QString &account, RoomRole role) {
                applyLocally(room, toWire(RoomRoleEvent{room, account, role, s_operator.toString()}.toJson()));
            });
    connect(m_policy.get(), &RoomPolicy::restrictionsChanged, this, &ChatService::enforceAccess);
    m_policy->start(s_policyPollInterval, [layer = m_layer](const QString &room) {
        return layer->localGroupSize(ChatGroup::name(room)) > 0;
    });
}

ChatService::~ChatService()
{
    m_layer->closeChannel(m_policyChannel);
}

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
    // Before it is in the room's group: the room hears of its new owner, the welcome tells the owner itself.
    claimIfNew(room, account);
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
    const MessageStore::RoomState state = m_joinRoomStates.read(room, m_settings.historyOnJoin);
    joined.lastId = state.lastId;
    joined.epoch = state.epoch;
    const RoomPolicy::Membership membership = m_policy->membership(room, account);
    joined.topic = membership.settings.topic;
    joined.isPrivate = membership.settings.isPrivate;
    joined.role = membership.role;
    joined.direct = otherAccount(membership.settings, account);
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
        joined.replayAfter = state.latestStart;
        joined.messagesUpTo = joined.lastId;
    }
    return joined;
}

QString ChatService::epochOf(const QString &room, const QString &stored) const
{
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
    if (!room || !m_connections.hasKaiwaV1In(*room))
        return; // tutorial clients get no typed events: a burst of them joining builds none
    m_layer->groupSendLocal(group, Envelope(toWire(MemberJoinedEvent{*room, Member{member.id, member.name}}.toJson()),
                                            Envelope::Audience::KaiwaV1, 0, member.id));
}

void ChatService::onMemberLeft(const QString &group, const GroupMember &member)
{
    const auto room = ChatGroup::room(group);
    if (!room || !m_connections.hasKaiwaV1In(*room))
        return;
    m_layer->groupSendLocal(group, Envelope(toWire(MemberLeftEvent{*room, Member{member.id, member.name}}.toJson()),
                                            Envelope::Audience::KaiwaV1, 0, member.id));
}

void ChatService::post(const ChatMessage &message, const QString &author, PostCallback done)
{
    // Stored with the rest of this loop turn's messages (GroupCommit), broadcast only once committed.
    m_writer.append(message, author, [this, done = std::move(done)](const auto &result) {
        // A failed batch was logged once, by the writer.
        if (result && !result->duplicate && result->refusal == MessageStore::Refusal::None) {
            if (m_metrics)
                m_metrics->countMessageStored();
            m_layer->groupSend(ChatGroup::name(result->message.room), ChatGroup::envelope(result->message));
        }
        done(result);
    });
}

namespace {

ChatService::EventOutcome refused(ErrorCode code, const QString &detail)
{
    return {0, false, code, detail};
}

/// What a grant's or revoke's store answered, as a refusal of `user`'s role change; nothing when it was done.
std::optional<ChatService::EventOutcome> roleChangeRefusal(RoomPolicyStore::Result result, const QString &user,
                                                           const QString &notFound, const QString &failed)
{
    switch (result) {
    case RoomPolicyStore::Result::Ok:
        return std::nullopt;
    case RoomPolicyStore::Result::LastOwner:
        return refused(ErrorCode::LastOwner, u"%1 is the room's last owner: grant another owner first"_s.arg(user));
    case RoomPolicyStore::Result::NotFound:
        return refused(ErrorCode::UnknownUser, notFound);
    case RoomPolicyStore::Result::Failed:
        break;
    }
    return refused(ErrorCode::StoreFailed, failed);
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
    m_writer.flush(); // requests take effect in the order they came: the messages before this one first
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
    m_writer.flush(); // requests take effect in the order they came: the messages before this one first
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
    m_writer.flush(); // as in edit()
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

void ChatService::claimIfNew(const QString &room, const QString &account)
{
    RoomPolicyStore *store = m_policy->store();
    // Rooms that existed before (they have messages) stay ownerless until the operator grants an owner.
    if (!store || account.isEmpty() || RoomName::isDirect(room) || !m_policy->settings(room).room.isEmpty()
        || m_store->lastId(room) != 0)
        return;
    const auto claimed = store->claim(room, account); // one winner across daemons
    if (!claimed) {
        qCWarning(lcConsumer) << "could not make" << account << "the owner of" << room << ":" << store->errorString();
        return;
    }
    if (*claimed)
        announce(room, RoomRoleEvent{room, account, RoomRole::Owner, account}.toJson());
    else
        m_policy->refresh(room); // another daemon's join was first
}

std::optional<ChatService::EventOutcome> ChatService::ownerRefusal(const Actor &actor, const QString &what)
{
    RoomPolicyStore *store = m_policy->store();
    if (!store)
        return refused(ErrorCode::StoreFailed, u"this server's database keeps no room settings"_s);
    if (actor.account().isEmpty())
        return refused(ErrorCode::SignInRequired,
                       u"only a signed-in owner of the room may %1: sign in first"_s.arg(what));
    // From the store, not the cache: a role taken away on another daemon a moment ago counts.
    const auto settings = store->settings(actor.room);
    const auto role = settings ? store->role(actor.room, actor.account()) : std::nullopt;
    if (!role) {
        qCWarning(lcConsumer) << "could not read the settings of" << actor.room << ":" << store->errorString();
        return refused(ErrorCode::StoreFailed, u"the room's settings could not be read"_s);
    }
    if (!settings->direct.isEmpty())
        return refused(ErrorCode::Forbidden, u"a direct-message room has no owners: nobody may %1"_s.arg(what));
    if (*role != RoomPolicyStore::Role::Owner)
        return refused(ErrorCode::Forbidden, u"only an owner of the room may %1"_s.arg(what));
    return std::nullopt;
}

void ChatService::audit(const QString &room, const QString &actor, const QString &action, const QString &target,
                        const QString &detail)
{
    RoomPolicyStore *store = m_policy->store();
    const RoomPolicyStore::AuditEntry entry{.time = QDateTime::currentDateTimeUtc(),
                                            .room = room,
                                            .actor = actor,
                                            .action = action,
                                            .target = target,
                                            .detail = detail};
    if (!store->audit(entry))
        qCWarning(lcConsumer) << "could not record" << action << "by" << actor << "in" << room << ":"
                              << store->errorString();
}

void ChatService::setRoom(const Actor &actor, const RoomSetRequest &request, EventCallback done)
{
    if (auto refusal = ownerRefusal(actor, u"change its topic or visibility"_s)) {
        done(*refusal);
        return;
    }
    RoomPolicyStore *store = m_policy->store();
    const QString account = actor.account();
    if (request.topic) {
        if (store->setTopic(actor.room, *request.topic) != RoomPolicyStore::Result::Ok) {
            qCWarning(lcConsumer) << "could not set the topic of" << actor.room << ":" << store->errorString();
            done(refused(ErrorCode::StoreFailed, u"the topic could not be stored"_s));
            return;
        }
        audit(actor.room, account, u"topic"_s, {}, *request.topic);
    }
    if (request.isPrivate) {
        if (store->setPrivate(actor.room, *request.isPrivate) != RoomPolicyStore::Result::Ok) {
            qCWarning(lcConsumer) << "could not set the visibility of" << actor.room << ":" << store->errorString();
            done(refused(ErrorCode::StoreFailed, u"the visibility could not be stored"_s));
            return;
        }
        audit(actor.room, account, u"visibility"_s, {}, *request.isPrivate ? u"private"_s : u"public"_s);
    }
    m_policy->refresh(actor.room);
    const RoomPolicy::Settings settings = m_policy->settings(actor.room);
    announce(actor.room, RoomSettingsEvent{actor.room, settings.topic, settings.isPrivate, account}.toJson());
    done(EventOutcome{});
}

void ChatService::grant(const Actor &actor, const GrantRequest &request, EventCallback done)
{
    if (auto refusal = ownerRefusal(actor, u"grant roles"_s)) {
        done(*refusal);
        return;
    }
    if (!m_accounts || !m_accounts->account(request.user)) {
        done(refused(ErrorCode::UnknownUser, u"there is no account \"%1\""_s.arg(request.user)));
        return;
    }
    RoomPolicyStore *store = m_policy->store();
    const RoomPolicyStore::Result result = store->grant(actor.room, request.user, RoomPolicy::storeRole(request.role));
    if (result == RoomPolicyStore::Result::Failed)
        qCWarning(lcConsumer) << "could not grant a role in" << actor.room << ":" << store->errorString();
    if (auto refusal = roleChangeRefusal(result, request.user, u"there is no account \"%1\""_s.arg(request.user),
                                         u"the role could not be stored"_s)) {
        done(*refusal);
        return;
    }
    audit(actor.room, actor.account(), u"grant"_s, request.user, roomRoleName(request.role));
    announce(actor.room, RoomRoleEvent{actor.room, request.user, request.role, actor.account()}.toJson());
    done(EventOutcome{});
}

void ChatService::revoke(const Actor &actor, const RevokeRequest &request, EventCallback done)
{
    if (auto refusal = ownerRefusal(actor, u"revoke roles"_s)) {
        done(*refusal);
        return;
    }
    RoomPolicyStore *store = m_policy->store();
    // The audit log says which role it was, as the operator's revoke does.
    const RoomRole previous =
        RoomPolicy::roomRole(store->role(actor.room, request.user).value_or(RoomPolicyStore::Role::None));
    const RoomPolicyStore::Result result = store->revoke(actor.room, request.user);
    if (result == RoomPolicyStore::Result::Failed)
        qCWarning(lcConsumer) << "could not revoke a role in" << actor.room << ":" << store->errorString();
    if (auto refusal = roleChangeRefusal(result, request.user, u"%1 has no role in this room"_s.arg(request.user),
                                         u"the role could not be taken away"_s)) {
        done(*refusal);
        return;
    }
    audit(actor.room, actor.account(), u"revoke"_s, request.user, roomRoleName(previous));
    announce(actor.room, RoomRoleEvent{actor.room, request.user, RoomRole::None, actor.account()}.toJson());
    done(EventOutcome{});
}

void ChatService::announce(const QString &room, const QJsonObject &event)
{
    // This daemon's poll must not announce the change a second time, as the operator's.
    m_policy->refresh(room);
    m_layer->groupSend(ChatGroup::policyName(), Envelope(toWire(event), Envelope::Audience::KaiwaV1));
}

void ChatService::receive(const Envelope &envelope)
{
    const auto event = parseServerEvent(envelope.payload());
    QString room;
    if (const auto *settings = event ? std::get_if<RoomSettingsEvent>(&*event) : nullptr)
        room = settings->room;
    else if (const auto *role = event ? std::get_if<RoomRoleEvent>(&*event) : nullptr)
        room = role->room;
    if (const auto *moderation = event ? std::get_if<ModerationEvent>(&*event) : nullptr) {
        // Its members got it through the room's group (ChatConsumer::onModeration() closes the target): only the
        // policy is read again, so this daemon's doors know the ban at once.
        m_policy->refresh(moderation->room);
        return;
    }
    if (room.isEmpty())
        return;
    m_policy->refresh(room);
    applyLocally(room, envelope.payload());
}

void ChatService::applyLocally(const QString &room, const QByteArray &event)
{
    m_layer->groupSendLocal(ChatGroup::name(room), Envelope(event, Envelope::Audience::KaiwaV1));
    enforceAccess(room);
}

void ChatService::enforceAccess(const QString &room)
{
    for (ChatConsumer *connection : m_connections.inRoom(room)) {
        const RoomPolicy::Entry entry = m_policy->mayEnter(room, connection->account(), connection->address());
        switch (entry.verdict) {
        case RoomPolicy::Entry::Verdict::Allowed:
        case RoomPolicy::Entry::Verdict::Unavailable: // the store hiccupped: nothing is known to have changed
            break;
        case RoomPolicy::Entry::Verdict::NotFound:
            connection->end(Protocol::CloseCode::roomUnavailable, "room_unavailable");
            break;
        case RoomPolicy::Entry::Verdict::Banned:
            connection->end(Protocol::CloseCode::banned, "banned");
            break;
        }
    }
}

RoomPolicy::Entry ChatService::mayEnter(const QString &room, const QString &account, const QHostAddress &address)
{
    return m_policy->mayEnter(room, account, address);
}

std::optional<QString> ChatService::directRoom(const QString &account, const QString &other)
{
    RoomPolicyStore *store = m_policy->store();
    if (!store || !m_accounts || account.isEmpty() || other == account || !m_accounts->account(other))
        return std::nullopt;
    const QString room = RoomName::directName(account, other);
    if (!m_policy->settings(room).direct.isEmpty())
        return room;
    if (store->makeDirect(room, account, other) != RoomPolicyStore::Result::Ok) {
        qCWarning(lcConsumer) << "could not make the direct-message room of" << account << "and" << other << ":"
                              << store->errorString();
        return std::nullopt;
    }
    // Both read from the start: what one says before the other first opens the room counts as unread for them.
    if (m_readMarkers) {
        for (const QString &member : {account, other}) {
            if (!m_readMarkers->join(member, room, 0))
                qCWarning(lcConsumer) << "could not make the read marker of" << member << "in" << room << ":"
                                      << m_readMarkers->errorString();
        }
    }
    m_policy->refresh(room);
    return room;
}

QString ChatService::otherAccount(const RoomPolicy::Settings &settings, const QString &account)
{
    if (settings.direct.size() != 2)
        return {};
    return settings.direct.constFirst() == account ? settings.direct.constLast() : settings.direct.constFirst();
}

void ChatService::details(const QString &room, const QString &asker, DetailsCallback done) const
{
    if (!m_policy->maySee(room, asker)) {
        done(std::nullopt);
        return;
    }
    const RoomPolicy::Settings settings = m_policy->settings(room);
    RoomDetails details{.name = room,
                        .topic = settings.topic,
                        .isPrivate = settings.isPrivate,
                        .direct = otherAccount(settings, asker),
                        .role = m_policy->role(room, asker),
                        .roles = m_policy->roles(room),
                        .restrictions = std::nullopt};
    if (details.role >= RoomRole::Moderator)
        details.restrictions = m_policy->restrictions(room);
    done(details);
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
    listPolicies(account, byName);
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

void ChatService::listPolicies(const QString &account, std::map<QString, Room> &byName) const
{
    RoomPolicyStore *store = m_policy->store();
    if (!store) {
        std::erase_if(byName, [](const auto &entry) { return RoomName::isDirect(entry.first); });
        return;
    }
    // The rooms the account has a role in are listed even before anything is said in them (a direct message).
    QHash<QString, RoomRole> roles;
    if (!account.isEmpty()) {
        const auto memberships = store->rolesOf(account);
        if (!memberships)
            qCWarning(lcConsumer) << "could not read the roles of" << account << ":" << store->errorString();
        for (const RoomPolicyStore::Membership &membership :
             memberships.value_or(QList<RoomPolicyStore::Membership>())) {
            roles.insert(membership.room, RoomPolicy::roomRole(membership.role));
            byName.try_emplace(membership.room, Room{.name = membership.room});
        }
    }
    const auto all = store->allSettings();
    if (!all) {
        // Which rooms are private is not known now: list only those the account has a role in, and public ones it
        // cannot tell apart from private ones not at all.
        qCWarning(lcConsumer) << "could not read the rooms' settings:" << store->errorString();
        std::erase_if(byName, [&](const auto &entry) { return !roles.contains(entry.first); });
        return;
    }
    QHash<QString, const RoomPolicy::Settings *> settingsOf;
    for (const RoomPolicy::Settings &settings : *all)
        settingsOf.insert(settings.room, &settings);
    for (auto it = byName.begin(); it != byName.end();) {
        const RoomPolicy::Settings *settings = settingsOf.value(it->first);
        const RoomRole role = roles.value(it->first, RoomRole::None);
        const bool hidden = RoomName::isDirect(it->first) || (settings && settings->isPrivate);
        if (hidden && role == RoomRole::None) {
            it = byName.erase(it);
            continue;
        }
        Room &room = it->second;
        room.role = role;
        if (settings) {
            room.topic = settings->topic;
            room.isPrivate = settings->isPrivate;
            room.direct = otherAccount(*settings, account);
        }
        ++it;
    }
}

void ChatService::search(const MessageStore::SearchQuery &query, const QString &asker, SearchCallback done) const
{
    if (!query.room.isEmpty()) {
        // A room the asker may not see has no results, like a room that does not exist.
        done(m_policy->maySee(query.room, asker) ? m_store->search(query) : MessageStore::SearchPage{});
        return;
    }
    // Every room: the hits in rooms the asker may not see are left out, and further pages read until the page is
    // full again (a bounded number of them: a page may come back shorter, still with "more").
    constexpr int maxReads = 4;
    MessageStore::SearchQuery next = query;
    MessageStore::SearchPage answer;
    for (int read = 0; read < maxReads; ++read) {
        const auto page = m_store->search(next);
        if (!page) {
            done(std::nullopt);
            return;
        }
        for (qsizetype i = 0; i < page->hits.size(); ++i) {
            const MessageStore::SearchHit &hit = page->hits.at(i);
            if (!m_policy->maySee(hit.message.room, asker))
                continue;
            answer.hits.append(hit);
            if (answer.hits.size() == query.limit) {
                answer.more = page->more || i + 1 < page->hits.size();
                answer.nextBefore = hit.position;
                done(answer);
                return;
            }
        }
        answer.more = page->more;
        answer.nextBefore = page->nextBefore;
        if (!page->more)
            break;
        next.before = page->nextBefore;
    }
    done(answer);
}

void ChatService::auditLog(const QString &room, const QString &asker, qint64 beforeId, int limit,
                           AuditCallback done) const
{
    done(m_moderation->auditLog(room, asker, beforeId, limit));
}

} // namespace Kaiwa::Server
