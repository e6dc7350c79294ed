// SPDX-License-Identifier: MIT
#pragma once

#include "groupmember.h"

#include <QObject>
#include <QString>

namespace Kaiwa::Server {

/**
 * Who is in each group, for people: a member list per group (GroupMember: a member id and a name)
 * spanning every daemon of the layer. Delivery is ChannelLayer's business, this is Presence's; a
 * layer owns its presence (ChannelLayer::presence()) because a group's list lives here only while
 * the group has members here.
 *
 * join()/leave() change the list for this daemon's members; memberJoined() and memberLeft() report
 * every change, wherever it happened, on every daemon that has the group (also members whose daemon
 * died, once its presence expired). Events derived from them go to local members only
 * (ChannelLayer::groupSendLocal()), since every daemon derives them itself.
 *
 * Backends: PresenceRegistry in one process (InMemoryChannelLayer), RedisPresence across daemons
 * (RedisChannelLayer). Single-threaded, like the layer.
 */
class Presence : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// A member id unique across daemons ("<node id>.<n>").
    virtual QString newMemberId() = 0;
    /// Adds (or renames) one of this daemon's members; memberJoined() follows when it was not there.
    virtual void join(const QString &group, const GroupMember &member) = 0;
    /// Removes one of this daemon's members; memberLeft() follows when it was there.
    virtual void leave(const QString &group, const QString &memberId) = 0;
    /**
     * Calls back once with the members of the group on every daemon, synchronously when they are known,
     * else later (Redis: after the first read of the shared registry). The callback may outlive its
     * caller: guard captured objects.
     */
    virtual void members(const QString &group, GroupMembersCallback callback) = 0;
    /**
     * Calls back once with how many members each of `groups` has on every daemon, also groups without members on
     * this daemon (the room directory's "online"): synchronously in one process, else after reading the shared
     * registry. Guard captured objects, as for members().
     */
    virtual void memberCounts(const QStringList &groups, GroupCountsCallback callback) = 0;

Q_SIGNALS:
    /// Someone joined a group, on this daemon or another.
    void memberJoined(const QString &group, const Kaiwa::Server::GroupMember &member);
    /// Someone left a group, or their daemon stopped refreshing its presence.
    void memberLeft(const QString &group, const Kaiwa::Server::GroupMember &member);
};

} // namespace Kaiwa::Server
