// SPDX-License-Identifier: MIT
#include "localgroup.h"

#include "channelreceiver.h"

namespace Kaiwa::Server {

LocalGroup::LocalGroup(QString name, QObject *parent)
    : QObject(parent)
    , m_name(std::move(name))
{
}

bool LocalGroup::add(const QString &channel, ChannelReceiver *receiver)
{
    if (m_members.contains(channel))
        return false;
    m_members.insert(channel, connect(this, &LocalGroup::sent, this,
                                      [receiver](const Envelope &envelope) { receiver->receive(envelope); }));
    return true;
}

bool LocalGroup::remove(const QString &channel)
{
    const auto it = m_members.find(channel);
    if (it == m_members.end())
        return false;
    disconnect(*it);
    m_members.erase(it);
    return true;
}

} // namespace Kaiwa::Server
