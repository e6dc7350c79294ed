// SPDX-License-Identifier: MIT
#include "inmemorychannellayer.h"

#include "localchannels.h"
#include "presenceregistry.h"

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

InMemoryChannelLayer::InMemoryChannelLayer(QObject *parent)
    : ChannelLayer(parent)
    , m_local(new LocalChannels(this))
    , m_presence(new PresenceRegistry(PresenceRegistry::randomNodeId(), true, this))
{
    connect(m_local, &LocalChannels::groupCreated, this, &ChannelLayer::groupCreated);
    connect(m_local, &LocalChannels::groupRemoved, this, [this](const QString &group) {
        m_presence->removeGroup(group);
        Q_EMIT groupRemoved(group);
    });
}

InMemoryChannelLayer::~InMemoryChannelLayer() = default;

std::unique_ptr<ChannelLayer> InMemoryChannelLayer::create(const ChannelLayerOptions &, QString *)
{
    return std::make_unique<InMemoryChannelLayer>();
}

QString InMemoryChannelLayer::backendId() const
{
    return u"inmemory"_s;
}

ChannelLayer::Capabilities InMemoryChannelLayer::capabilities() const
{
    return Capability::Groups | Capability::Flush;
}

QString InMemoryChannelLayer::newChannel(ChannelReceiver *receiver, QStringView prefix)
{
    return m_local->newChannel(receiver, prefix);
}

void InMemoryChannelLayer::closeChannel(const QString &channel)
{
    m_local->closeChannel(channel);
}

void InMemoryChannelLayer::groupAdd(const QString &group, const QString &channel)
{
    m_local->groupAdd(group, channel);
}

void InMemoryChannelLayer::groupDiscard(const QString &group, const QString &channel)
{
    m_local->groupDiscard(group, channel);
}

void InMemoryChannelLayer::groupSend(const QString &group, const Envelope &envelope)
{
    m_local->groupSend(group, envelope);
}

qsizetype InMemoryChannelLayer::localGroupSize(const QString &group) const
{
    return m_local->groupSize(group);
}

QStringList InMemoryChannelLayer::localGroups() const
{
    return m_local->groups();
}

void InMemoryChannelLayer::groupSendLocal(const QString &group, const Envelope &envelope)
{
    m_local->groupSend(group, envelope);
}

Presence *InMemoryChannelLayer::presence()
{
    return m_presence;
}

void InMemoryChannelLayer::flush()
{
    m_local->clear();
    m_presence->clear();
}

} // namespace Kaiwa::Server
