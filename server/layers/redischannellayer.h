// SPDX-License-Identifier: MIT
#pragma once

#include "channellayer.h"
#include "redisstoreregistration.h"
#include "redisurl.h"

#include <QHash>
#include <QTimer>

#include <deque>
#include <memory>

struct redisReply;

namespace Kaiwa::Server {

class GroupHistory;
class GroupSequencer;
class LocalChannels;
class RedisConnection;
class RedisPresence;
struct ChannelLayerOptions;

/**
 * The channel layer of several daemons: Django Channels' channels_redis, on Redis pub/sub.
 *
 * Local bookkeeping (channels, groups, delivery) is LocalChannels, as in InMemoryChannelLayer.
 * On top of it:
 * - A daemon SUBSCRIBEs to `kaiwa:<db>:group:<group>` while the group has local members
 *   (first member in, last member out) and groupSend() PUBLISHes the envelope there
 *   (RedisEnvelopeCodec). Local members receive what the subscription brings.
 * - Two hiredis connections (RedisConnection): one subscriber, one publisher, on the Qt event
 *   loop; each reconnects with backoff. Until both are up the layer is not reachable
 *   (a log line and reachabilityChanged() on each transition): groupSend() then delivers to
 *   local members directly and keeps chat messages to publish once Redis is back.
 * - With a GroupHistory (the shared store), every group gets a GroupSequencer: local members get
 *   the group's chat messages in id order, exactly once, and whatever pub/sub missed (a
 *   subscription not active yet, an outage, a publisher that died) is read from the store.
 *   A daemon's own messages are then delivered locally at once; the Redis echo is dropped.
 *
 * - With setStore(), every channel and key is `kaiwa:<db>:<scope>:...`, the scope derived from the
 *   store's identity, and the store is registered with Redis (RedisStoreRegistration): daemons on
 *   different databases never exchange a message (their ids would collide), and the second of
 *   them learns it (storeState() Conflict).
 * - A liveness probe (setProbeTiming()) notices a Redis that stopped answering without closing
 *   the connection, and reconnects.
 *
 * Membership lives only in each daemon's SUBSCRIBE set, which Redis forgets with the connection:
 * a daemon that crashes leaves no stale group entry behind (channels_redis' group_expiry problem
 * does not exist here).
 *
 * Presence (who is in a group, for people) is RedisPresence: a hash per group plus a heartbeat key
 * per daemon with a TTL, so a crashed daemon's members disappear once its key expires.
 */
class RedisChannelLayer : public ChannelLayer
{
    Q_OBJECT
public:
    explicit RedisChannelLayer(RedisUrl url, QObject *parent = nullptr);
    ~RedisChannelLayer() override;

    /// As a ChannelLayerRegistry backend: `redis://` URLs.
    static QStringList urlSchemes();
    /**
     * The layer on `options.url`, ordered by and registered with the shared store, started. Before it
     * returns, it waits (at most 10 s) for Redis to say whether the daemons on it use this daemon's
     * database: one that would mix two databases' ids is refused (nullptr, `error` says what to do). A
     * Redis that cannot be reached yet does not stop the start: the comparison follows once it can.
     */
    static std::unique_ptr<ChannelLayer> create(const ChannelLayerOptions &options, QString *error);

    /// Enables ordering and gap filling from the shared store; not owned. Call before start().
    void setHistory(GroupHistory *history) { m_history = history; }
    /**
     * Ties the layer to the database its ids come from (MessageStore::identity(); `description` says
     * where it is, for people). Every channel and key then carries the store's scope, so daemons
     * on other databases share nothing with this one, and the store is registered with Redis
     * (RedisStoreRegistration): storeState() tells whether the other daemons use the same one.
     * Call before start().
     */
    void setStore(const QString &identity, const QString &description);
    /// Unchecked without setStore().
    RedisStoreRegistration::State storeState() const;
    /// What is wrong, in one sentence without the remedy, while storeState() is Conflict.
    QString storeConflict() const;
    /// The key the store is registered under, e.g. "kaiwa:0:store".
    QByteArray storeKey() const;
    /// Starts connecting; returns at once (the daemon serves while Redis is still away).
    void start();
    /// Reconnection delays of both connections (tests use short ones).
    void setReconnectDelays(int firstMs, int maxMs);
    /// How long a crashed daemon's members stay in presence lists (see RedisPresence), and how long the
    /// store registration outlives the last daemon. Call before start().
    void setPresenceTtl(std::chrono::milliseconds ttl);
    /**
     * Liveness probe: every `intervalMs` while Redis is available, the publisher PUBLISHes a token
     * on the control channel, which the subscriber must receive. A connection that owes its answer
     * (the publisher the PUBLISH's, the subscriber the token) and brings nothing for `deadlineMs` is
     * taken for a Redis that stopped answering (SIGSTOP, a hung host, a network that drops without
     * resetting), which TCP does not notice: both connections are dropped and re-established, which
     * also republishes what was in flight and reads what the store got meanwhile. A connection that
     * brings other replies or messages meanwhile is alive, however late the answer (a backlog).
     * Defaults: 1000 ms, 3000 ms.
     */
    void setProbeTiming(int intervalMs, int deadlineMs);
    /// How many probes went unanswered (each one dropped the connections).
    quint64 probeTimeouts() const { return m_probeTimeouts; }

    const RedisUrl &url() const { return m_url; }
    /// The pub/sub channel of a group.
    QByteArray redisChannel(const QString &group) const;
    /// Chat messages waiting to be published again (kept while Redis was away).
    qsizetype pendingPublishes() const { return qsizetype(m_retry.size()); }

    QString backendId() const override;
    Capabilities capabilities() const override;
    Health health() const override;

    QString newChannel(ChannelReceiver *receiver, QStringView prefix) override;
    void closeChannel(const QString &channel) override;
    void groupAdd(const QString &group, const QString &channel) override;
    void groupDiscard(const QString &group, const QString &channel) override;
    void groupSend(const QString &group, const Envelope &envelope) override;
    qsizetype localGroupSize(const QString &group) const override;
    QStringList localGroups() const override;
    void groupSendLocal(const QString &group, const Envelope &envelope) override;
    Presence *presence() override;
    void flush() override;

    /// Messages kept for publishing while Redis is away; the oldest are dropped beyond this.
    static constexpr qsizetype MaxRetryQueue = 100000;

Q_SIGNALS:
    void storeStateChanged(Kaiwa::Server::RedisStoreRegistration::State state);

private:
    enum class SubscriptionState {
        Unsubscribed,
        Subscribing,
        Subscribed,
        Unsubscribing
    };
    struct Publication {
        QByteArray channel;
        QByteArray message;
    };
    struct Subscription {
        QString group;
        SubscriptionState state = SubscriptionState::Unsubscribed;
        bool wanted = false;
        /// Sends without a sequencer, held until the subscription is active so that local members
        /// get them through the echo, once, in Redis order.
        QList<std::pair<Publication, Envelope>> held;
    };

    void onGroupCreated(const QString &group);
    void onGroupRemoved(const QString &group);
    void onSubscriberReady();
    void onPublisherReady();
    void onPublisherLost(const QString &reason);
    void onStoreStateChanged(RedisStoreRegistration::State state);
    void probe();
    void onSubscriberLost(const QString &reason);
    void onPush(const redisReply *reply);
    void drive(const QByteArray &channel);
    void publish(const Publication &publication);
    void keepForRetry(const Publication &publication);
    void deliver(const QString &group, const Envelope &envelope);
    void releaseHeld(Subscription &subscription, bool echoes);
    void updateAvailability(const QString &reason = {});

    RedisUrl m_url;
    QByteArray m_prefix;
    QByteArray m_controlChannel;
    LocalChannels *m_local;                           ///< Child.
    RedisConnection *m_publisher;                     ///< Child; deleted first in the destructor.
    RedisConnection *m_subscriber;                    ///< Child; deleted first in the destructor.
    RedisPresence *m_presence;                        ///< Child.
    RedisStoreRegistration *m_registration = nullptr; ///< Child; with setStore() only.
    QString m_storeDescription;
    RedisStoreRegistration::State m_storeState = RedisStoreRegistration::State::Unchecked;
    GroupHistory *m_history = nullptr;
    QHash<QByteArray, Subscription> m_subscriptions;
    QHash<QString, GroupSequencer *> m_sequencers; ///< Children.
    std::deque<Publication> m_retry;
    bool m_controlSubscribed = false;
    bool m_available = false;
    bool m_wasAvailable = false;
    bool m_downReported = false;
    QTimer m_probeTimer;
    int m_probeDeadlineMs = 3000;
    QByteArray m_probeToken;           ///< Random per layer: only our own probes count.
    QByteArray m_probeOutstanding;     ///< The probe on its way; empty when none is.
    int m_probeTicks = 0;              ///< Probe intervals the outstanding probe has waited with a connection quiet.
    bool m_probePublished = false;     ///< The publisher answered the outstanding probe's PUBLISH.
    quint64 m_probePublisherHeard = 0; ///< The connections' heard() at the last probe tick.
    quint64 m_probeSubscriberHeard = 0;
    quint64 m_probeCount = 0;
    quint64 m_probeTimeouts = 0;
};

} // namespace Kaiwa::Server
