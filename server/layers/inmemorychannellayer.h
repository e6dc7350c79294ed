// SPDX-License-Identifier: MIT
#pragma once

#include "channellayer.h"

#include <memory>

namespace Kaiwa::Server {

class LocalChannels;
class PresenceRegistry;
struct ChannelLayerOptions;

/**
 * The default layer: channels and groups inside this process, delivered synchronously with
 * signals and slots. A group that loses its last member is removed (groupRemoved()), and so is its
 * presence list. Presence is a PresenceRegistry: every list is known at once.
 * Unlike Channels' InMemoryChannelLayer there is no per-channel queue to overflow: delivery
 * is immediate, and back-pressure is each connection's own bounded send queue.
 */
class InMemoryChannelLayer : public ChannelLayer
{
    Q_OBJECT
public:
    explicit InMemoryChannelLayer(QObject *parent = nullptr);
    ~InMemoryChannelLayer() override;

    /// As a ChannelLayerRegistry backend: the layer when no `--redis` URL is given.
    static QStringList urlSchemes() { return {}; }
    static std::unique_ptr<ChannelLayer> create(const ChannelLayerOptions &options, QString *error);

    QString backendId() const override;
    Capabilities capabilities() const override;

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

private:
    LocalChannels *m_local;       ///< Child of the layer.
    PresenceRegistry *m_presence; ///< Child of the layer.
};

} // namespace Kaiwa::Server
