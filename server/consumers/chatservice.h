// SPDX-License-Identifier: MIT
#pragma once

#include "chatsettings.h"
#include "common/serverevent.h"
#include "connectionregistry.h"
#include "layers/groupmember.h"
#include "storage/messagestore.h"

#include <QObject>

namespace Kaiwa::Server {

class ChannelLayer;
class Metrics;

/**
 * What the chat consumers share: the channel layer, the message store and the settings.
 * post() is the one path a chat message takes: stored first (which assigns its id), then
 * sent to the room's group, so nothing is broadcast that a restart could lose.
 *
 * Presence: join()/leave() register a connection with the layer's presence; every change the layer
 * reports (from this daemon or another) becomes a member.joined/member.left event for this daemon's
 * kaiwa.v1 members of the room. typing() relays a typing event to the whole room.
 */
class ChatService : public QObject
{
    Q_OBJECT
public:
    /// Neither the layer nor the store is owned; both must outlive the service.
    ChatService(ChannelLayer *layer, MessageStore *store, ChatSettings settings, QObject *parent = nullptr);

    ChannelLayer *layer() const { return m_layer; }
    MessageStore *store() const { return m_store; }
    const ChatSettings &settings() const { return m_settings; }
    /// Replaces the settings (SIGHUP): history and recovery apply at once; a rate limit applies to
    /// connections opened from now on, since each consumer keeps the limiter it started with.
    void setSettings(const ChatSettings &settings) { m_settings = settings; }
    /// The chat connections open on this daemon (each registers itself while it is in its room).
    ConnectionRegistry &connections() { return m_connections; }
    /// Where the service and its consumers count (not owned; may be null).
    void setMetrics(Metrics *metrics) { m_metrics = metrics; }
    Metrics *metrics() const { return m_metrics; }

    /// The channel-layer group of a room.
    static QString groupName(const QString &room);
    /// The room of a channel-layer group (the inverse of groupName()).
    static QString roomOf(const QString &group);

    /// Adds a connection to the room's presence; the room's other members get member.joined.
    void join(const QString &room, const Member &member);
    /// Removes it; the others get member.left.
    void leave(const QString &room, const QString &memberId);
    /// Calls back with the room's presence event (maybe later: see ChannelLayer::presenceMembers()).
    void presence(const QString &room, std::function<void(const PresenceEvent &event)> callback);
    /// Relays a typing event from `member` to the rest of the room (0 ms: stopped).
    void typing(const QString &room, const Member &member, int expiresInMs);

    /// Stores and broadcasts; nullopt when the store failed (nothing was broadcast).
    /// `verified`: `user` is the name of the account the sender signed in to.
    std::optional<MessageStore::AppendResult> post(const QString &room, const QString &user, const QString &text,
                                                   const QString &clientId, bool verified = false);

    /**
     * A page of history before `beforeId` (0: the newest), oldest first, and whether older messages exist:
     * at most `limit` messages and settings().historyBudgetBytes of them (HistoryReader).
     */
    HistoryPageEvent historyPage(const QString &room, qint64 beforeId, int limit) const;

private:
    void onMemberJoined(const QString &group, const GroupMember &member);
    void onMemberLeft(const QString &group, const GroupMember &member);

    ChannelLayer *m_layer;
    MessageStore *m_store;
    ChatSettings m_settings;
    Metrics *m_metrics = nullptr;
    ConnectionRegistry m_connections;
};

} // namespace Kaiwa::Server
