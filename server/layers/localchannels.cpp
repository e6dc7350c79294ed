// SPDX-License-Identifier: MIT
#include "localchannels.h"

#include "layerslogging.h"
#include "localgroup.h"

namespace Kaiwa::Server {

LocalChannels::LocalChannels(QObject *parent)
    : QObject(parent)
{
}

LocalChannels::~LocalChannels() = default;

QString LocalChannels::newChannel(ChannelReceiver *receiver, QStringView prefix)
{
    Q_ASSERT(receiver);
    QString name = prefix.toString() + u'.' + QString::number(++m_nextChannel, 36);
    m_channels.insert(name, Channel{receiver, {}});
    return name;
}

void LocalChannels::closeChannel(const QString &channel)
{
    const auto it = m_channels.constFind(channel);
    if (it == m_channels.constEnd())
        return;
    const QStringList groups = it->groups;
    for (const QString &group : groups)
        groupDiscard(group, channel);
    m_channels.remove(channel);
}

bool LocalChannels::groupAdd(const QString &group, const QString &channel)
{
    const auto channelIt = m_channels.find(channel);
    if (channelIt == m_channels.end()) {
        qCWarning(lcLayer) << "groupAdd of unknown channel" << channel;
        return false;
    }
    LocalGroup *&localGroup = m_groups[group];
    const bool created = !localGroup;
    if (created)
        localGroup = new LocalGroup(group, this);
    localGroup->add(channel, channelIt->receiver);
    if (!channelIt->groups.contains(group))
        channelIt->groups.append(group);
    if (created) {
        qCDebug(lcLayer) << "group created" << group;
        Q_EMIT groupCreated(group);
    }
    return true;
}

void LocalChannels::groupDiscard(const QString &group, const QString &channel)
{
    const auto groupIt = m_groups.find(group);
    if (groupIt == m_groups.end())
        return;
    (*groupIt)->remove(channel);
    if (const auto channelIt = m_channels.find(channel); channelIt != m_channels.end())
        channelIt->groups.removeOne(group);
    if ((*groupIt)->isEmpty()) {
        // Deleted later: this may run inside that group's own send.
        (*groupIt)->deleteLater();
        m_groups.erase(groupIt);
        qCDebug(lcLayer) << "group removed" << group;
        Q_EMIT groupRemoved(group);
    }
}

void LocalChannels::groupSend(const QString &group, const Envelope &envelope) const
{
    const auto it = m_groups.constFind(group);
    if (it != m_groups.constEnd())
        Q_EMIT(*it)->sent(envelope);
}

qsizetype LocalChannels::groupSize(const QString &group) const
{
    const auto it = m_groups.constFind(group);
    return it == m_groups.constEnd() ? 0 : (*it)->size();
}

void LocalChannels::clear()
{
    for (LocalGroup *group : std::as_const(m_groups))
        group->deleteLater();
    m_groups.clear();
    m_channels.clear();
}

} // namespace Kaiwa::Server
