// SPDX-License-Identifier: MIT
#pragma once

#include "envelope.h"
#include "groupmember.h"

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
 *
 * Presence: each group also has a member list (GroupMember: a member id and a name) spanning every
 * daemon. presenceAdd()/presenceRemove() change it for this daemon's members; memberJoined() and
 * memberLeft() report every change, wherever it happened, on every daemon that has the group (also
 * members whose daemon died, once its presence expired). Events derived from them go to local members
 * only, with groupSendLocal(), since every daemon derives them itself.
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
    /// Why the layer does not do all it should, for /healthz ("redis unavailable"); empty when it does.
    virtual QString degradedReason() const
    {
        return isAvailable() ? QString() : backendId() + QStringLiteral(" unavailable");
    }

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

    /// Delivers to this daemon's members of the group only.
    virtual void groupSendLocal(const QString &group, const Envelope &envelope) = 0;

    /// A member id unique across daemons ("<node id>.<n>").
    virtual QString newMemberId() = 0;
    /// Adds one of this daemon's members to the group's presence (memberJoined() follows).
    virtual void presenceAdd(const QString &group, const GroupMember &member) = 0;
    /// Removes one of this daemon's members (memberLeft() follows when it was there).
    virtual void presenceRemove(const QString &group, const QString &memberId) = 0;
    /**
     * Calls back once with the members of the group on every daemon, synchronously when they are known,
     * else later (Redis: after the first read of the shared registry). The callback may outlive its
     * caller: guard captured objects.
     */
    virtual void presenceMembers(const QString &group, GroupMembersCallback callback) = 0;

    /// Drops every channel and group (tests, and Channels' `flush` extension).
    virtual void flush() = 0;

Q_SIGNALS:
    /// The first local member joined a group.
    void groupCreated(const QString &group);
    /// The last local member left: the room disappears from this daemon.
    void groupRemoved(const QString &group);
    void availabilityChanged(bool available);
    /// Someone joined a group's presence, on this daemon or another.
    void memberJoined(const QString &group, const Kaiwa::Server::GroupMember &member);
    /// Someone left a group's presence, or their daemon stopped refreshing it.
    void memberLeft(const QString &group, const Kaiwa::Server::GroupMember &member);
};

} // namespace Kaiwa::Server

Q_DECLARE_OPERATORS_FOR_FLAGS(Kaiwa::Server::ChannelLayer::Capabilities)
