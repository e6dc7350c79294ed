// SPDX-License-Identifier: MIT
#pragma once

#include "presence.h"

#include <QByteArray>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>

namespace Kaiwa::Server {

class PresenceRegistry;
class RedisConnection;

/**
 * Presence across daemons, for RedisChannelLayer (which owns it and tells it about Redis).
 *
 * In Redis (prefix `kaiwa:<db>:`):
 * - `presence:<group>`, a hash: member id -> display name, for every member on every daemon. A member
 *   id starts with its daemon's node id ("<node>.<n>").
 * - `alive:<node>`, one key per daemon, set with a TTL (`--presence-ttl`) and refreshed every third of
 *   it. A daemon that dies stops refreshing; once its key expires its members count as gone.
 *
 * Joins and leaves are written to the hash (HSET/HDEL) and then PUBLISHed as a report on the group's
 * pub/sub channel, the path chat envelopes take: `P1`, `+` or `-`, the member id, `\n`, the name.
 * Every daemon with the group applies the reports to its PresenceRegistry, and every third of the
 * TTL sweeps each of its groups: it re-writes its own members (a restarted Redis lost them), reads
 * the hash and the `alive:` keys of the daemons it names, drops the entries of dead daemons and
 * reconciles its registry (member.left for those that vanished, member.joined for missed joins).
 * The first sweep of a group, once its subscription is active, makes its member list ready; while
 * Redis cannot be reached, a list is what this daemon knows.
 */
class RedisPresence : public Presence
{
    Q_OBJECT
public:
    /**
     * @param publisher not owned; @param channelOf the pub/sub channel of a group; @param isListening
     * whether a group's subscription is active (reports about it reach this daemon).
     */
    RedisPresence(RedisConnection *publisher, QByteArray prefix, std::function<QByteArray(const QString &)> channelOf,
                  std::function<bool(const QString &)> isListening, QObject *parent = nullptr);
    ~RedisPresence() override;

    PresenceRegistry *registry() const { return m_registry; }
    /// How long a silent daemon's members stay listed; refreshed every third of it. Default 30 s.
    /// Replaces the prefix of every key (RedisChannelLayer::setStore()); call before the first command.
    void setPrefix(QByteArray prefix) { m_prefix = std::move(prefix); }
    void setTtl(std::chrono::milliseconds ttl);
    std::chrono::milliseconds ttl() const { return m_ttl; }

    QString newMemberId() override;
    void join(const QString &group, const GroupMember &member) override;
    void leave(const QString &group, const QString &memberId) override;
    void members(const QString &group, GroupMembersCallback callback) override;
    /// Reads the shared registry's entries of every group (HKEYS) and counts those of live daemons; without Redis,
    /// what this daemon knows.
    void memberCounts(const QStringList &groups, GroupCountsCallback callback) override;

    /// True for the bytes of a presence report (as opposed to an encoded envelope).
    static bool isReport(const QByteArray &bytes);
    /// Applies a report that arrived on a group's channel; reports about this daemon's members are ignored.
    void onReport(const QString &group, const QByteArray &bytes);

    /// Reads the shared registry for a group and reconciles (the first sweep makes the group ready).
    void sweep(const QString &group);
    /// The publisher connected: announce this daemon, write what changed meanwhile, sweep every group.
    void onPublisherReady();
    /// Whether Redis is usable (both connections up); when it is not, groups waiting for their list get
    /// what this daemon knows.
    void setReachable(bool reachable);
    void removeGroup(const QString &group);
    void clear();

private:
    void heartbeat();
    void finish(const QString &group, quint64 token, const QList<GroupMember> &entries);
    struct CountRequest;
    void finishCounts(const std::shared_ptr<CountRequest> &request);
    QByteArray key(const QString &group) const;
    QByteArray aliveKey(const QString &node) const;
    static QString nodeOf(const QString &memberId);

    RedisConnection *m_publisher;
    QByteArray m_prefix;
    std::function<QByteArray(const QString &)> m_channelOf;
    std::function<bool(const QString &)> m_isListening;
    PresenceRegistry *m_registry; ///< Child.
    std::chrono::milliseconds m_ttl{30000};
    QTimer m_heartbeat;
    QSet<std::pair<QString, QString>> m_unwrittenRemovals; ///< (group, member id) left while Redis was away.
    bool m_reachable = false;
};

} // namespace Kaiwa::Server
