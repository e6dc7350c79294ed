// SPDX-License-Identifier: MIT
#pragma once

#include "envelope.h"

#include <QFlags>
#include <QObject>
#include <QString>
#include <QStringList>

namespace Kaiwa::Server {

class ChannelReceiver;
class Presence;

/**
 * Django Channels' channel layer, as an interface: channels (one per consumer) and groups
 * (one per room) with groupAdd, groupDiscard and groupSend. Backends: in-process
 * (InMemoryChannelLayer) and, for several daemons, Redis. Single-threaded: call it from the
 * thread it lives in.
 *
 * Receivers are local objects; a backend that spans processes fans a group send out to the
 * local members of every daemon. Capability flags replace Channels' `extensions` list.
 * Channels' `send` to one channel has no user here (a consumer is reached through its room's
 * group, or directly by whoever holds it: ConnectionRegistry), so the interface leaves it out.
 *
 * Each group also has a member list for people, the layer's Presence (presence()): a separate
 * interface, owned by the layer because a group's list follows the group's local members.
 */
class ChannelLayer : public QObject
{
    Q_OBJECT
public:
    enum class Capability {
        Groups = 0x1,       ///< groupAdd / groupDiscard / groupSend.
        CrossProcess = 0x2, ///< Group sends reach members in other daemons.
        Flush = 0x4,        ///< flush() empties all channels and groups.
    };
    Q_DECLARE_FLAGS(Capabilities, Capability)

    using QObject::QObject;
    ~ChannelLayer() override = default;

    /// What /metrics and /healthz tell of the layer.
    struct Health {
        bool reachable = true;      ///< False while a remote backend cannot be reached (local delivery still works).
        bool storeConflict = false; ///< The daemons sharing the backend take their ids from another database.
        quint64 probeTimeouts = 0;  ///< Times the backend stopped answering and its connections were reopened.
    };

    virtual QString backendId() const = 0;
    virtual Capabilities capabilities() const = 0;
    virtual Health health() const { return Health{}; }
    /// False while a remote backend cannot be reached (local delivery still works); see reachabilityChanged().
    bool isReachable() const { return health().reachable; }
    /// Why the layer does not do all it should, for /healthz ("redis unavailable"); empty when it does.
    QString degradedReason() const
    {
        const Health now = health();
        if (now.storeConflict)
            return backendId() + QStringLiteral(" shared with daemons on another database");
        return now.reachable ? QString() : backendId() + QStringLiteral(" unavailable");
    }

    /**
     * Registers a local receiver under a new unique channel name ("<prefix>.<unique>").
     * The receiver must call closeChannel() before it is destroyed.
     */
    virtual QString newChannel(ChannelReceiver *receiver, QStringView prefix) = 0;
    /// Unregisters a channel and discards it from every group it is in.
    virtual void closeChannel(const QString &channel) = 0;

    virtual void groupAdd(const QString &group, const QString &channel) = 0;
    virtual void groupDiscard(const QString &group, const QString &channel) = 0;
    /// Delivers to every member of the group, in the order group sends were made.
    virtual void groupSend(const QString &group, const Envelope &envelope) = 0;
    /// Delivers to this daemon's members of the group only.
    virtual void groupSendLocal(const QString &group, const Envelope &envelope) = 0;

    /// Members of the group in this daemon.
    virtual qsizetype localGroupSize(const QString &group) const = 0;
    /// Groups with members in this daemon.
    virtual QStringList localGroups() const = 0;

    /// Who is in each group (owned by the layer, lives as long as it).
    virtual Presence *presence() = 0;

    /// Drops every channel and group, and their presence (tests, and Channels' `flush` extension).
    virtual void flush() = 0;

Q_SIGNALS:
    /// The first local member joined a group.
    void groupCreated(const QString &group);
    /// The last local member left: the room disappears from this daemon.
    void groupRemoved(const QString &group);
    void reachabilityChanged(bool reachable);
};

} // namespace Kaiwa::Server

Q_DECLARE_OPERATORS_FOR_FLAGS(Kaiwa::Server::ChannelLayer::Capabilities)
