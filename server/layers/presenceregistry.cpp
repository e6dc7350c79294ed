// SPDX-License-Identifier: MIT
#include "presenceregistry.h"

#include <QRandomGenerator>

#include <algorithm>

namespace Kaiwa::Server {

PresenceRegistry::PresenceRegistry(QString nodeId, bool readyAtOnce, QObject *parent)
    : Presence(parent)
    , m_nodeId(std::move(nodeId))
    , m_readyAtOnce(readyAtOnce)
{
}

QString PresenceRegistry::randomNodeId()
{
    static constexpr char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    QString id;
    for (int i = 0; i < 8; ++i)
        id.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(36)]));
    return id;
}

QString PresenceRegistry::newMemberId()
{
    return m_nodeId + u'.' + QString::number(++m_nextMember, 36);
}

bool PresenceRegistry::isLocal(const QString &memberId) const
{
    return memberId.size() > m_nodeId.size() && memberId.startsWith(m_nodeId) && memberId.at(m_nodeId.size()) == u'.';
}

PresenceRegistry::Group &PresenceRegistry::group(const QString &name)
{
    auto it = m_groups.find(name);
    if (it == m_groups.end()) {
        it = m_groups.insert(name, Group{});
        it->ready = m_readyAtOnce;
    }
    return *it;
}

QList<GroupMember> PresenceRegistry::sorted(const QHash<QString, GroupMember> &members)
{
    QList<GroupMember> list = members.values();
    std::sort(list.begin(), list.end(), [](const GroupMember &a, const GroupMember &b) {
        const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.id < b.id;
    });
    return list;
}

void PresenceRegistry::join(const QString &name, const GroupMember &member)
{
    Group &g = group(name);
    g.reported.insert(member.id, ++m_generation);
    const bool added = !g.members.contains(member.id);
    g.members.insert(member.id, member);
    if (added)
        Q_EMIT memberJoined(name, member);
}

void PresenceRegistry::leave(const QString &name, const QString &memberId)
{
    const auto groupIt = m_groups.find(name);
    if (groupIt == m_groups.end())
        return;
    groupIt->reported.insert(memberId, ++m_generation);
    const std::optional<GroupMember> removed =
        groupIt->members.contains(memberId) ? std::optional(groupIt->members.take(memberId)) : std::nullopt;
    if (removed)
        Q_EMIT memberLeft(name, *removed);
}

void PresenceRegistry::members(const QString &name, GroupMembersCallback callback)
{
    Group &g = group(name);
    if (g.ready)
        callback(sorted(g.members));
    else
        g.waiting.append(std::move(callback));
}

QList<GroupMember> PresenceRegistry::currentMembers(const QString &name) const
{
    const auto it = m_groups.constFind(name);
    return it == m_groups.constEnd() ? QList<GroupMember>{} : sorted(it->members);
}

void PresenceRegistry::memberCounts(const QStringList &groups, GroupCountsCallback callback)
{
    QHash<QString, qsizetype> counts;
    for (const QString &name : groups) {
        if (const auto it = m_groups.constFind(name); it != m_groups.constEnd())
            counts.insert(name, it->members.size());
    }
    callback(counts);
}

QList<GroupMember> PresenceRegistry::localMembers(const QString &name) const
{
    QList<GroupMember> result;
    for (const GroupMember &member : currentMembers(name)) {
        if (isLocal(member.id))
            result.append(member);
    }
    return result;
}

bool PresenceRegistry::isReady(const QString &name) const
{
    const auto it = m_groups.constFind(name);
    return it != m_groups.constEnd() && it->ready;
}

void PresenceRegistry::setReady(const QString &name)
{
    const auto it = m_groups.find(name);
    if (it == m_groups.end() || it->ready)
        return;
    it->ready = true;
    const auto waiting = std::exchange(it->waiting, {});
    const QList<GroupMember> list = sorted(it->members);
    // The callbacks may join, leave or remove groups: nothing of `it` is used after this.
    for (const GroupMembersCallback &callback : waiting)
        callback(list);
}

quint64 PresenceRegistry::beginSweep(const QString &name)
{
    group(name);
    return ++m_generation;
}

void PresenceRegistry::finishSweep(const QString &name, quint64 token, const QList<GroupMember> &remote)
{
    const auto it = m_groups.find(name);
    if (it == m_groups.end())
        return; // the group was left meanwhile
    const bool announce = it->ready;
    const auto newer = [&](const QString &id) { return it->reported.value(id) > token; };
    QHash<QString, GroupMember> alive;
    for (const GroupMember &member : remote)
        alive.insert(member.id, member);

    QList<GroupMember> left, joined;
    for (auto member = it->members.begin(); member != it->members.end();) {
        if (!isLocal(member.key()) && !alive.contains(member.key()) && !newer(member.key())) {
            left.append(*member);
            member = it->members.erase(member);
        } else {
            ++member;
        }
    }
    for (const GroupMember &member : std::as_const(alive)) {
        if (!isLocal(member.id) && !it->members.contains(member.id) && !newer(member.id)) {
            it->members.insert(member.id, member);
            joined.append(member);
        }
    }
    // Reports older than this sweep are settled now.
    it->reported.removeIf([token](const auto &entry) { return entry.value() <= token; });
    if (announce) {
        for (const GroupMember &member : std::as_const(left))
            Q_EMIT memberLeft(name, member);
        for (const GroupMember &member : std::as_const(joined))
            Q_EMIT memberJoined(name, member);
    }
    setReady(name);
}

void PresenceRegistry::removeGroup(const QString &name)
{
    m_groups.remove(name);
}

} // namespace Kaiwa::Server
