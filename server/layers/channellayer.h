// SPDX-License-Identifier: MIT
#pragma once

#include "envelope.h"

#include <QFlags>
#include <QObject>
#include <QString>
#include <QStringList>

namespace Kaiwa::Server {

class ChannelReceiver;

/**
 * Django Channels' channel layer, as an interface: channels (one per consumer) and groups
 * (one per room) with groupAdd, groupDiscard and groupSend. Backends: in-process
 * (InMemoryChannelLayer) and, for several daemons, Redis. Single-threaded: call it from the
 * thread it lives in.
 *
 * Receivers are local objects; a backend that spans processes fans a group send out to the
 * local members of every daemon. Capability flags replace Channels' `extensions` list.
 */
class ChannelLayer : public QObject
{
    Q_OBJECT
public:
    enum class Capability {
        Groups = 0x1,        ///< groupAdd / groupDiscard / groupSend.
        CrossProcess = 0x2,  ///< Group sends reach members in other daemons.
        Flush = 0x4,         ///< flush() empties all channels and groups.
    };
    Q_DECLARE_FLAGS(Capabilities, Capability)

    using QObject::QObject;
    ~ChannelLayer() override = default;

    virtual QString backendId() const = 0;
    virtual Capabilities capabilities() const = 0;
    /// False while a remote backend is unreachable (local delivery still works).
    virtual bool isAvailable() const { return true; }

    /**
     * Registers a local receiver under a new unique channel name ("<prefix>.<unique>").
     * The receiver must call closeChannel() before it is destroyed.
     */
    virtual QString newChannel(ChannelReceiver *receiver, QStringView prefix) = 0;
    /// Unregisters a channel and discards it from every group it is in.
    virtual void closeChannel(const QString &channel) = 0;

    /// Delivers to one channel.
    virtual void send(const QString &channel, const Envelope &envelope) = 0;

    virtual void groupAdd(const QString &group, const QString &channel) = 0;
    virtual void groupDiscard(const QString &group, const QString &channel) = 0;
    /// Delivers to every member of the group, in the order group sends were made.
    virtual void groupSend(const QString &group, const Envelope &envelope) = 0;

    /// Members of the group in this daemon.
    virtual qsizetype localGroupSize(const QString &group) const = 0;
    /// Groups with members in this daemon.
    virtual QStringList localGroups() const = 0;

    /// Drops every channel and group (tests, and Channels' `flush` extension).
    virtual void flush() = 0;

Q_SIGNALS:
    /// The first local member joined a group.
    void groupCreated(const QString &group);
    /// The last local member left: the room disappears from this daemon.
    void groupRemoved(const QString &group);
    void availabilityChanged(bool available);
};

} // namespace Kaiwa::Server

Q_DECLARE_OPERATORS_FOR_FLAGS(Kaiwa::Server::ChannelLayer::Capabilities)
