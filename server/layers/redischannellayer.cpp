// SPDX-License-Identifier: MIT
#include "redischannellayer.h"

#include "channellayerregistry.h"
#include "groupsequencer.h"
#include "layerslogging.h"
#include "localchannels.h"
#include "presenceregistry.h"
#include "redisconnection.h"
#include "redisenvelopecodec.h"
#include "redispresence.h"

#include <QEventLoop>
#include <QRandomGenerator>

#include <hiredis/hiredis.h>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

/// The longest start waits for Redis to say whether the other daemons use this daemon's database;
/// beyond the connection timeout (5 s) plus a check.
constexpr auto s_storeCheckTimeout = 10s;

QByteArray bytes(const redisReply *reply)
{
    return reply && (reply->type == REDIS_REPLY_STRING || reply->type == REDIS_REPLY_STATUS)
               ? QByteArray(reply->str, qsizetype(reply->len))
               : QByteArray();
}

} // namespace

RedisChannelLayer::RedisChannelLayer(RedisUrl url, QObject *parent)
    : ChannelLayer(parent)
    , m_url(std::move(url))
    , m_prefix(m_url.channelPrefix())
    , m_controlChannel(m_prefix + "control")
    , m_local(new LocalChannels(this))
    , m_publisher(new RedisConnection(m_url, u"publisher"_s, this))
    , m_subscriber(new RedisConnection(m_url, u"subscriber"_s, this))
    , m_presence(new RedisPresence(
          m_publisher, m_prefix, [this](const QString &group) { return redisChannel(group); },
          [this](const QString &group) {
              const auto it = m_subscriptions.constFind(redisChannel(group));
              return it != m_subscriptions.constEnd() && it->state == SubscriptionState::Subscribed;
          },
          this))
{
    connect(m_local, &LocalChannels::groupCreated, this, &RedisChannelLayer::onGroupCreated);
    connect(m_local, &LocalChannels::groupRemoved, this, &RedisChannelLayer::onGroupRemoved);
    connect(m_publisher, &RedisConnection::ready, this, &RedisChannelLayer::onPublisherReady);
    connect(m_publisher, &RedisConnection::connectionLost, this, &RedisChannelLayer::onPublisherLost);
    connect(m_subscriber, &RedisConnection::ready, this, &RedisChannelLayer::onSubscriberReady);
    connect(m_subscriber, &RedisConnection::connectionLost, this, &RedisChannelLayer::onSubscriberLost);
    m_subscriber->setPushHandler([this](const redisReply *reply) { onPush(reply); });
    m_probeToken = "probe:" + QByteArray::number(QRandomGenerator::global()->generate64(), 36) + ':';
    m_probeTimer.setInterval(1000);
    connect(&m_probeTimer, &QTimer::timeout, this, &RedisChannelLayer::probe);
}

RedisChannelLayer::~RedisChannelLayer()
{
    // Before the members: freeing a context runs the pending publish handlers, which use m_retry.
    delete m_publisher;
    delete m_subscriber;
}

QStringList RedisChannelLayer::urlSchemes()
{
    return {u"redis"_s};
}

std::unique_ptr<ChannelLayer> RedisChannelLayer::create(const ChannelLayerOptions &options, QString *error)
{
    const auto url = RedisUrl::parse(options.url, error);
    if (!url)
        return nullptr;
    auto layer = std::make_unique<RedisChannelLayer>(*url);
    layer->setHistory(options.history);
    layer->setPresenceTtl(options.presenceTtl);
    layer->setStore(options.storeIdentity, options.storeDescription);
    layer->start();

    using State = RedisStoreRegistration::State;
    if (layer->storeState() == State::Unchecked) {
        // Before serving: a daemon whose ids would collide with the other daemons' must not start.
        // Nothing else runs yet; the wait ends with Redis' first answer or when it cannot be reached.
        QEventLoop loop;
        connect(layer.get(), &RedisChannelLayer::storeStateChanged, &loop, &QEventLoop::quit);
        QTimer::singleShot(s_storeCheckTimeout, &loop, &QEventLoop::quit);
        loop.exec();
    }
    switch (layer->storeState()) {
    case State::Registered:
        return layer;
    case State::Conflict:
        if (error) {
            *error = u"%1: give every daemon on it the same --database (one postgresql:// URL, or one SQLite file "
                     "for daemons on one machine); to move them all to this database, stop them, then wait until "
                     "the registration lapses (--presence-ttl) or delete it: redis-cli -h %2 -p %3 DEL %4"_s
                         .arg(layer->storeConflict(), url->host)
                         .arg(url->port)
                         .arg(QString::fromUtf8(layer->storeKey()));
        }
        return nullptr;
    case State::Unchecked:
    case State::Unreachable:
        break;
    }
    qCWarning(lcLayer) << "redis is not reachable yet: the database is compared with the other daemons' once it is "
                          "(a daemon on another database shares no room with this one either way)";
    return layer;
}

void RedisChannelLayer::start()
{
    qCInfo(lcLayer).noquote() << "redis channel layer at" << m_url.displayString()
                              << (m_history ? "with id ordering from the shared store" : "")
                              << (m_registration ? u"of %1"_s.arg(m_storeDescription) : QString());
    m_publisher->connectToServer();
    m_subscriber->connectToServer();
    m_probeTimer.start();
}

void RedisChannelLayer::setStore(const QString &identity, const QString &description)
{
    delete m_registration;
    m_storeDescription = description;
    m_registration =
        new RedisStoreRegistration(m_publisher, m_url.channelPrefix() + "store", identity, description, this);
    m_registration->setTtl(m_presence->ttl());
    connect(m_registration, &RedisStoreRegistration::stateChanged, this, &RedisChannelLayer::onStoreStateChanged);
    m_prefix = m_url.channelPrefix() + m_registration->scope() + ':';
    m_controlChannel = m_prefix + "control";
    m_presence->setPrefix(m_prefix);
}

RedisStoreRegistration::State RedisChannelLayer::storeState() const
{
    return m_registration ? m_registration->state() : RedisStoreRegistration::State::Unchecked;
}

QByteArray RedisChannelLayer::storeKey() const
{
    return m_registration ? m_registration->key() : QByteArray();
}

QString RedisChannelLayer::storeConflict() const
{
    return u"the daemons on %1 take their ids from another database (%2) than this one (%3)"_s.arg(
        m_url.displayString(), m_registration ? m_registration->registeredDescription() : QString(),
        m_storeDescription);
}

void RedisChannelLayer::onStoreStateChanged(RedisStoreRegistration::State state)
{
    using State = RedisStoreRegistration::State;
    // At start (Unchecked) a conflict is the daemon's one line of refusal (ServerApp), not a log line.
    const State previous = std::exchange(m_storeState, state);
    if (state == State::Conflict && previous != State::Unchecked) {
        qCCritical(lcLayer).noquote() << storeConflict()
                                      << "- this daemon shares no room with them, its members see only each other; "
                                         "give every daemon on this redis the same --database";
    } else if (state == State::Registered) {
        qCInfo(lcLayer).noquote() << "database" << m_storeDescription << "registered with redis as"
                                  << m_registration->scope() << "- rooms are shared with the daemons on it";
    }
    Q_EMIT storeStateChanged(state);
}

ChannelLayer::Health RedisChannelLayer::health() const
{
    return Health{m_available, storeState() == RedisStoreRegistration::State::Conflict, m_probeTimeouts};
}

void RedisChannelLayer::setProbeTiming(int intervalMs, int deadlineMs)
{
    m_probeTimer.setInterval(std::max(1, intervalMs));
    m_probeDeadlineMs = std::max(1, deadlineMs);
}

void RedisChannelLayer::probe()
{
    if (!m_available) {
        m_probeOutstanding.clear(); // the connections' own timeouts are at work
        return;
    }
    if (!m_probeOutstanding.isEmpty()) {
        // The deadline runs while a connection that owes an answer brings nothing: the publisher until it answered
        // the probe's PUBLISH, the subscriber until the probe came back. One that brings anything else is alive and
        // the probe's answer waits behind what this daemon has yet to read (at 100,000 connections, seconds of
        // messages and presence reports), which a Redis that stopped answering would not send. Dropping then only
        // made it worse: every room subscribed again, on a daemon already behind (docs/performance.md).
        const bool publisherQuiet = !m_probePublished && m_publisher->heard() == m_probePublisherHeard;
        const bool subscriberQuiet = m_subscriber->heard() == m_probeSubscriberHeard;
        m_probePublisherHeard = m_publisher->heard();
        m_probeSubscriberHeard = m_subscriber->heard();
        if (!publisherQuiet && !subscriberQuiet) {
            m_probeTicks = 0;
            return;
        }
        // Counted in ticks, not read from the clock: a daemon that was itself held up (stopped,
        // swapped out, in a long store call) has not given Redis' answer a chance to be read.
        if (++m_probeTicks * m_probeTimer.interval() < m_probeDeadlineMs)
            return;
        ++m_probeTimeouts;
        m_probeOutstanding.clear();
        const QString reason = u"no answer within %1 ms"_s.arg(m_probeDeadlineMs);
        // The subscriber first: onSubscriberLost() reports the outage with this reason.
        m_subscriber->drop(reason);
        m_publisher->drop(reason);
        return;
    }
    m_probeOutstanding = m_probeToken + QByteArray::number(++m_probeCount);
    m_probeTicks = 0;
    m_probePublished = false;
    m_probePublisherHeard = m_publisher->heard();
    m_probeSubscriberHeard = m_subscriber->heard();
    m_publisher->command({"PUBLISH", m_controlChannel, m_probeOutstanding},
                         [this, probe = m_probeOutstanding](const redisReply *reply) {
                             if (reply && probe == m_probeOutstanding) // nullptr: lost (or the layer going away)
                                 m_probePublished = true;
                         });
}

void RedisChannelLayer::setReconnectDelays(int firstMs, int maxMs)
{
    m_publisher->setReconnectDelays(firstMs, maxMs);
    m_subscriber->setReconnectDelays(firstMs, maxMs);
}

void RedisChannelLayer::setPresenceTtl(std::chrono::milliseconds ttl)
{
    m_presence->setTtl(ttl);
    if (m_registration)
        m_registration->setTtl(ttl);
}

QByteArray RedisChannelLayer::redisChannel(const QString &group) const
{
    return m_prefix + "group:" + group.toUtf8();
}

QString RedisChannelLayer::backendId() const
{
    return u"redis"_s;
}

ChannelLayer::Capabilities RedisChannelLayer::capabilities() const
{
    return Capability::Groups | Capability::CrossProcess | Capability::Flush;
}

QString RedisChannelLayer::newChannel(ChannelReceiver *receiver, QStringView prefix)
{
    return m_local->newChannel(receiver, prefix);
}

void RedisChannelLayer::closeChannel(const QString &channel)
{
    m_local->closeChannel(channel);
}

void RedisChannelLayer::groupAdd(const QString &group, const QString &channel)
{
    m_local->groupAdd(group, channel);
}

void RedisChannelLayer::groupDiscard(const QString &group, const QString &channel)
{
    m_local->groupDiscard(group, channel);
}

qsizetype RedisChannelLayer::localGroupSize(const QString &group) const
{
    return m_local->groupSize(group);
}

QStringList RedisChannelLayer::localGroups() const
{
    return m_local->groups();
}

void RedisChannelLayer::groupSend(const QString &group, const Envelope &envelope)
{
    const Publication publication{redisChannel(group), RedisEnvelopeCodec::encode(envelope)};
    const auto it = m_subscriptions.find(publication.channel);
    const bool sequenced = m_sequencers.contains(group) && envelope.messageId() != 0;
    if (!sequenced && m_publisher->isReady() && it != m_subscriptions.end()
        && it->state == SubscriptionState::Subscribing) {
        it->held.append({publication, envelope});
        return;
    }
    const bool published = m_publisher->isReady();
    if (published)
        publish(publication);
    else if (envelope.messageId() != 0)
        keepForRetry(publication);

    if (sequenced) {
        // Ordered and deduplicated by id: deliver now, the echo from Redis will be dropped.
        deliver(group, envelope);
        return;
    }
    const bool echoes = published && it != m_subscriptions.end() && it->state == SubscriptionState::Subscribed;
    if (!echoes)
        m_local->groupSend(group, envelope);
}

void RedisChannelLayer::releaseHeld(Subscription &subscription, bool echoes)
{
    // Copies: delivering may run consumer code that changes m_subscriptions.
    const auto held = std::exchange(subscription.held, {});
    const QString group = subscription.group;
    for (const auto &[publication, envelope] : held) {
        if (m_publisher->isReady())
            publish(publication);
        else if (envelope.messageId() != 0)
            keepForRetry(publication);
        if (!echoes || !m_publisher->isReady())
            m_local->groupSend(group, envelope);
    }
}

void RedisChannelLayer::groupSendLocal(const QString &group, const Envelope &envelope)
{
    m_local->groupSend(group, envelope);
}

Presence *RedisChannelLayer::presence()
{
    return m_presence;
}

void RedisChannelLayer::flush()
{
    const QStringList groups = m_local->groups();
    m_local->clear();
    m_presence->clear();
    for (const QString &group : groups)
        onGroupRemoved(group);
}

void RedisChannelLayer::deliver(const QString &group, const Envelope &envelope)
{
    if (GroupSequencer *sequencer = m_sequencers.value(group))
        sequencer->offer(envelope);
    else
        m_local->groupSend(group, envelope);
}

void RedisChannelLayer::onGroupCreated(const QString &group)
{
    if (m_history) {
        m_sequencers.insert(group, new GroupSequencer(
                                       group, m_history,
                                       [this, group](const Envelope &envelope) { m_local->groupSend(group, envelope); },
                                       this));
    }
    const QByteArray channel = redisChannel(group);
    Subscription &subscription = m_subscriptions[channel];
    subscription.group = group;
    subscription.wanted = true;
    drive(channel);
    Q_EMIT groupCreated(group);
}

void RedisChannelLayer::onGroupRemoved(const QString &group)
{
    m_presence->removeGroup(group);
    if (GroupSequencer *sequencer = m_sequencers.take(group))
        sequencer->deleteLater(); // may be delivering right now
    const QByteArray channel = redisChannel(group);
    if (const auto it = m_subscriptions.find(channel); it != m_subscriptions.end()) {
        it->wanted = false;
        drive(channel);
    }
    Q_EMIT groupRemoved(group);
}

void RedisChannelLayer::drive(const QByteArray &channel)
{
    // One request in flight per channel: hiredis 0.14 mixes up SUBSCRIBE/UNSUBSCRIBE/SUBSCRIBE
    // of one channel in flight at once (the unsubscribe reply drops the new callback).
    const auto it = m_subscriptions.find(channel);
    if (it == m_subscriptions.end())
        return;
    if (m_subscriber->isReady()) {
        if (it->wanted && it->state == SubscriptionState::Unsubscribed) {
            if (m_subscriber->subscribe(channel))
                it->state = SubscriptionState::Subscribing;
        } else if (!it->wanted && it->state == SubscriptionState::Subscribed) {
            if (m_subscriber->unsubscribe(channel))
                it->state = SubscriptionState::Unsubscribing;
        }
    }
    if (!it->wanted && it->state == SubscriptionState::Unsubscribed)
        m_subscriptions.erase(it);
}

void RedisChannelLayer::onSubscriberReady()
{
    // The control channel is never left: the subscription count never drops to 0, which would
    // take hiredis 0.14 out of subscribed mode while another SUBSCRIBE is in flight (an abort).
    m_subscriber->subscribe(m_controlChannel);
    const QList<QByteArray> channels = m_subscriptions.keys();
    for (const QByteArray &channel : channels)
        drive(channel);
}

void RedisChannelLayer::onSubscriberLost(const QString &reason)
{
    m_controlSubscribed = false;
    const QList<QByteArray> channels = m_subscriptions.keys();
    for (const QByteArray &channel : channels) {
        Subscription &subscription = m_subscriptions[channel];
        subscription.state = SubscriptionState::Unsubscribed;
        releaseHeld(subscription, false);
        drive(channel);
    }
    updateAvailability(reason);
}

void RedisChannelLayer::onPublisherReady()
{
    // What was sent while Redis was away, oldest first; daemons that got it from the store drop it.
    std::deque<Publication> retry;
    retry.swap(m_retry);
    if (!retry.empty())
        qCInfo(lcLayer) << "publishing" << retry.size() << "messages kept while redis was unavailable";
    for (const Publication &publication : retry)
        publish(publication);
    m_presence->onPublisherReady();
    if (m_registration)
        m_registration->onConnectionReady();
    updateAvailability();
}

void RedisChannelLayer::onPublisherLost(const QString &reason)
{
    if (m_registration)
        m_registration->onConnectionLost();
    updateAvailability(reason);
}

void RedisChannelLayer::publish(const Publication &publication)
{
    const bool queued = m_publisher->command(
        {"PUBLISH", publication.channel, publication.message}, [this, publication](const redisReply *reply) {
            if (!reply) {
                keepForRetry(publication); // lost with the connection: publish again once it is back
            } else if (reply->type == REDIS_REPLY_ERROR) {
                qCWarning(lcLayer).noquote() << "redis refused a PUBLISH:" << bytes(reply);
            }
        });
    if (!queued)
        keepForRetry(publication);
}

void RedisChannelLayer::keepForRetry(const Publication &publication)
{
    if (qsizetype(m_retry.size()) >= MaxRetryQueue) {
        m_retry.pop_front();
        qCWarning(lcLayer) << "redis unavailable for too long: dropping the oldest message kept for publishing "
                              "(other daemons still get it from the shared store)";
    }
    m_retry.push_back(publication);
}

void RedisChannelLayer::onPush(const redisReply *reply)
{
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 3)
        return;
    const QByteArray kind = bytes(reply->element[0]);
    const QByteArray channel = bytes(reply->element[1]);
    if (channel == m_controlChannel) {
        if (kind == "subscribe") {
            m_controlSubscribed = true;
            updateAvailability();
        } else if (kind == "message" && !m_probeOutstanding.isEmpty()
                   && bytes(reply->element[2]) == m_probeOutstanding) {
            m_probeOutstanding.clear(); // Redis answers: both connections work
        }
        return;
    }
    const auto it = m_subscriptions.find(channel);
    if (kind == "message") {
        if (it == m_subscriptions.end())
            return;
        const QByteArray payload = bytes(reply->element[2]);
        if (RedisPresence::isReport(payload)) {
            m_presence->onReport(it->group, payload);
            return;
        }
        if (const auto envelope = RedisEnvelopeCodec::decode(payload))
            deliver(it->group, *envelope);
        else
            qCWarning(lcLayer) << "ignoring a foreign message on" << channel;
    } else if (kind == "subscribe") {
        if (it == m_subscriptions.end())
            return;
        it->state = SubscriptionState::Subscribed;
        const QString group = it->group;
        releaseHeld(*it, true);
        drive(channel);
        // Whatever was published before the subscription took effect is in the store.
        if (GroupSequencer *sequencer = m_sequencers.value(group))
            sequencer->catchUp();
        // Presence reports reach this daemon from now on: read the shared list once.
        if (m_local->hasGroup(group) && !m_presence->registry()->isReady(group))
            m_presence->sweep(group);
    } else if (kind == "unsubscribe") {
        if (it == m_subscriptions.end())
            return;
        it->state = SubscriptionState::Unsubscribed;
        drive(channel);
    }
}

void RedisChannelLayer::updateAvailability(const QString &reason)
{
    const bool available = m_publisher->isReady() && m_subscriber->isReady() && m_controlSubscribed;
    if (available != m_available) {
        m_available = available;
        if (available) {
            qCInfo(lcLayer).noquote() << (m_wasAvailable ? "redis available again at" : "redis connected at")
                                      << m_url.displayString() << "- cross-daemon delivery active";
            m_wasAvailable = true;
            m_downReported = false;
        } else {
            qCWarning(lcLayer).noquote() << u"redis unavailable (%1) - degraded: serving local members only, "
                                            "reconnecting with backoff"_s.arg(reason);
            m_downReported = true;
        }
        m_presence->setReachable(available);
        Q_EMIT reachabilityChanged(available);
    } else if (!available && !m_downReported && !reason.isEmpty()) {
        // Not reachable at start: say so once, not at every retry.
        qCWarning(lcLayer).noquote() << "redis unavailable at" << m_url.displayString() << u"(%1)"_s.arg(reason)
                                     << "- degraded: serving local members only, retrying with backoff";
        m_downReported = true;
    }
}

} // namespace Kaiwa::Server
