// SPDX-License-Identifier: MIT
#pragma once

#include "groupmember.h"

#include <QByteArray>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <functional>

namespace Kaiwa::Server {

class PresenceRegistry;
class RedisConnection;

/**
 * Presence across daemons for RedisChannelLayer.
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
 * The first sweep of a group, once its subscription is active, makes its member list ready.
 */
class RedisPresence : public QObject
{
    Q_OBJECT
public:
    /// @param publisher not owned; @param channelOf the pub/sub channel of a group.
    RedisPresence(RedisConnection *publisher, QByteArray prefix, std::function<QByteArray(const QString &)> channelOf,
                  QObject *parent = nullptr);
    ~RedisPresence() override;

    PresenceRegistry *registry() const { return m_registry; }
    /// How long a silent daemon's members stay listed; refreshed every third of it. Default 30 s.
    /// Replaces the prefix of every key (RedisChannelLayer::setStore()); call before the first command.
    void setPrefix(QByteArray prefix) { m_prefix = std::move(prefix); }
    void setTtl(std::chrono::milliseconds ttl);
    std::chrono::milliseconds ttl() const { return m_ttl; }

    void add(const QString &group, const GroupMember &member);
    void remove(const QString &group, const QString &memberId);

    /// True for the bytes of a presence report (as opposed to an encoded envelope).
    static bool isReport(const QByteArray &bytes);
    /// Applies a report that arrived on a group's channel; reports about this daemon's members are ignored.
    void onReport(const QString &group, const QByteArray &bytes);

    /// Reads the shared registry for a group and reconciles (the first sweep makes the group ready).
    void sweep(const QString &group);
    /// Redis is usable again: announce this daemon, write what changed meanwhile, sweep every group.
    void onPublisherReady();
    /// Redis is not usable: groups waiting for their list get what this daemon knows.
    void onUnavailable();
    void removeGroup(const QString &group);
    void clear();

private:
    void heartbeat();
    void finish(const QString &group, quint64 token, const QList<GroupMember> &entries);
    QByteArray key(const QString &group) const;
    QByteArray aliveKey(const QString &node) const;
    static QString nodeOf(const QString &memberId);

    RedisConnection *m_publisher;
    QByteArray m_prefix;
    std::function<QByteArray(const QString &)> m_channelOf;
    PresenceRegistry *m_registry; ///< Child.
    std::chrono::milliseconds m_ttl{30000};
    QTimer m_heartbeat;
    QSet<std::pair<QString, QString>> m_unwrittenRemovals; ///< (group, member id) left while Redis was away.
};

} // namespace Kaiwa::Server
