// SPDX-License-Identifier: MIT
#pragma once

#include "channellayer.h"

namespace Kaiwa::Server {

class LocalChannels;
class PresenceRegistry;

/**
 * The default layer: channels and groups inside this process, delivered synchronously with
 * signals and slots. A group that loses its last member is removed (groupRemoved()).
 * Unlike Channels' InMemoryChannelLayer there is no per-channel queue to overflow: delivery
 * is immediate, and back-pressure is each connection's own bounded send queue.
 */
class InMemoryChannelLayer : public ChannelLayer
{
    Q_OBJECT
public:
    explicit InMemoryChannelLayer(QObject *parent = nullptr);
    ~InMemoryChannelLayer() override;

    QString backendId() const override;
    Capabilities capabilities() const override;

    QString newChannel(ChannelReceiver *receiver, QStringView prefix) override;
    void closeChannel(const QString &channel) override;
    void send(const QString &channel, const Envelope &envelope) override;
    void groupAdd(const QString &group, const QString &channel) override;
    void groupDiscard(const QString &group, const QString &channel) override;
    void groupSend(const QString &group, const Envelope &envelope) override;
    qsizetype localGroupSize(const QString &group) const override;
    QStringList localGroups() const override;
    void groupSendLocal(const QString &group, const Envelope &envelope) override;
    QString newMemberId() override;
    void presenceAdd(const QString &group, const GroupMember &member) override;
    void presenceRemove(const QString &group, const QString &memberId) override;
    void presenceMembers(const QString &group, GroupMembersCallback callback) override;
    void flush() override;

private:
    LocalChannels *m_local; ///< Child of the layer.
    PresenceRegistry *m_presence; ///< Child of the layer.
};

} // namespace Kaiwa::Server
