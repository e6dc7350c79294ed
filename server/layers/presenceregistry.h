// SPDX-License-Identifier: MIT
#pragma once

#include "presence.h"

#include <QHash>
#include <QStringList>

namespace Kaiwa::Server {

/**
 * Who is in each group, as one daemon knows it: the presence bookkeeping both layers share (as
 * LocalChannels is for delivery), and on its own the Presence of InMemoryChannelLayer. Members of this
 * daemon are added and removed as their connections come and go; members of other daemons arrive as
 * join/leave reports and are reconciled with the shared registry by sweeps (RedisPresence).
 *
 * A group is ready once its list is known: at once in-process, after the first sweep with Redis (or
 * when Redis is unavailable, with what this daemon knows). members() calls back when ready.
 *
 * Sweeps race with reports that arrive while a sweep's reads are in flight; a report newer than the
 * sweep's start wins over what the sweep read (each member id remembers the sweep generation of its
 * last report).
 */
class PresenceRegistry : public Presence
{
    Q_OBJECT
public:
    /// @param readyAtOnce true when there are no other daemons: every group is ready when it appears.
    PresenceRegistry(QString nodeId, bool readyAtOnce, QObject *parent = nullptr);

    /// A random id for this daemon (8 characters of [0-9a-z]).
    static QString randomNodeId();

    QString nodeId() const { return m_nodeId; }
    /// "<node id>.<n>": unique across daemons.
    QString newMemberId() override;
    /// Whether a member id was made by this daemon.
    bool isLocal(const QString &memberId) const;

    /// Adds (or renames) a member; memberJoined() when it was not there.
    void join(const QString &group, const GroupMember &member) override;
    /// Removes a member; memberLeft() when it was there.
    void leave(const QString &group, const QString &memberId) override;

    /// Calls back with the group's members, at once when the group is ready, else when it becomes so.
    void members(const QString &group, GroupMembersCallback callback) override;
    /// What this daemon knows now (ready or not).
    void memberCounts(const QStringList &groups, GroupCountsCallback callback) override;
    QList<GroupMember> currentMembers(const QString &group) const;
    QList<GroupMember> localMembers(const QString &group) const;
    bool isReady(const QString &group) const;
    /// Makes the group ready with what is known now (no other source is reachable).
    void setReady(const QString &group);

    /// Starts a sweep of a group; pass the token to finishSweep().
    quint64 beginSweep(const QString &group);
    /**
     * Reconciles the members of other daemons with `remote` (those the shared registry holds and
     * whose daemon is alive): others are removed, missing ones added, with signals once the group was
     * ready; then the group is ready. Members reported after beginSweep() are left as they are.
     */
    void finishSweep(const QString &group, quint64 token, const QList<GroupMember> &remote);

    QStringList groups() const { return m_groups.keys(); }
    /// Forgets a group (its last local member left); pending members() callbacks are dropped.
    void removeGroup(const QString &group);
    void clear() { m_groups.clear(); }

private:
    struct Group {
        QHash<QString, GroupMember> members;
        QHash<QString, quint64> reported; ///< Member id -> generation of its last join/leave report.
        QList<GroupMembersCallback> waiting;
        bool ready = false;
    };
    Group &group(const QString &name);
    static QList<GroupMember> sorted(const QHash<QString, GroupMember> &members);

    QString m_nodeId;
    bool m_readyAtOnce;
    quint64 m_nextMember = 0;
    quint64 m_generation = 0;
    QHash<QString, Group> m_groups;
};

} // namespace Kaiwa::Server
