// SPDX-License-Identifier: MIT
#pragma once

#include "chatsettings.h"
#include "common/serverevent.h"
#include "connectionregistry.h"
#include "historyreader.h"
#include "roomdirectory.h"
#include "roomsubscription.h"
#include "storage/messagestore.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace Kaiwa::Server {

class ChannelLayer;
class ChatConsumer;
class Metrics;
struct GroupMember;

/**
 * The chat, behind one door: what a consumer does in its room goes through here, never to the channel
 * layer or the message store directly, and so does what the JSON API reads (RoomDirectory). Rooms'
 * groups and envelopes come from ChatGroup.
 *
 * - join() puts a connection into its room and says what to replay; leaving is destroying what it
 *   returns (RoomSubscription).
 * - post() is the one path of a chat message: stored first (which assigns its id), then sent to the
 *   room, so nothing is broadcast that a restart could lose; the result comes back through a callback.
 * - replay() and historyPage() read history one budget at a time (HistoryReader), through callbacks.
 * - Presence: every join and leave the layer reports (from this daemon or another) becomes a
 *   member.joined/member.left event for this daemon's kaiwa.v1 members of the room; typing() relays
 *   a typing event to the whole room.
 *
 * Callbacks may run before the call returns (the stores answer at once today) or later (a store on
 * another thread): a caller assumes neither, and guards what it captures (QPointer).
 */
class ChatService : public QObject, public RoomDirectory
{
    Q_OBJECT
public:
    /// What join() tells the connection that joined.
    struct Joined {
        std::unique_ptr<RoomSubscription> subscription; ///< In the room until this is destroyed.
        qint64 lastId = 0; ///< The room's newest id when it joined (the welcome's).
        /// Recovery cannot give all that was missed: the ids from `since` to firstAvailable are gone.
        std::optional<HistoryGapEvent> gap;
        /// Replay the messages after this id, with replay(), before live messages; none: nothing to replay.
        std::optional<qint64> replayAfter;
    };
    using PostCallback = std::function<void(const std::optional<MessageStore::AppendResult> &stored)>;
    using ReplayCallback = std::function<void(const HistoryReader::Answer &part)>;
    using PresenceCallback = std::function<void(const PresenceEvent &presence)>;

    /// Neither the layer, the store nor the metrics (which may be null) are owned; all must outlive the service.
    ChatService(ChannelLayer *layer, MessageStore *store, ChatSettings settings, Metrics *metrics = nullptr,
                QObject *parent = nullptr);
    ~ChatService() override;

    const ChatSettings &settings() const { return m_settings; }
    /// Replaces the settings (SIGHUP): history and recovery apply at once; a rate limit applies to
    /// connections opened from now on, since each consumer keeps the limiter it started with.
    void setSettings(const ChatSettings &settings) { m_settings = settings; }
    /// The chat connections open on this daemon (each is listed while it is in its room).
    ConnectionRegistry &connections() { return m_connections; }
    /// Where consumers count what they receive, deliver and refuse (may be null).
    Metrics *metrics() const { return m_metrics; }
    /// Why the chat does not do all it should, for /healthz ("redis unavailable"); empty when it does.
    QString degradedReason() const;

    /// A member id for a new connection, unique across daemons.
    QString newMemberId();
    /**
     * Puts a connection into its room (ChatConsumer::room(), under ChatConsumer::member()): its
     * channel joins the room's group, so it receives what the room is sent from now on; it enters the
     * room's presence (the others get member.joined) and the ConnectionRegistry. With `since` (recovery)
     * the replay covers what the client missed, at most settings().maxRecovery; without, the newest
     * settings().historyOnJoin messages.
     */
    Joined join(ChatConsumer *connection, std::optional<qint64> since);
    /// Calls back with the room's presence event (maybe later: see Presence::members()).
    void presence(const QString &room, PresenceCallback done);
    /// Relays a typing event from `member` to the rest of the room (0 ms: stopped).
    void typing(const QString &room, const Member &member, int expiresInMs);

    /**
     * Stores a message (ChatMessage::id and time are assigned by the store; a client_id the room holds
     * already gives back the original, duplicate), broadcasts it to its room when it is new, then calls
     * `done` with what was stored, or nullopt when the store failed and nothing was broadcast.
     * Acknowledged means stored: a consumer acknowledges in `done`, never before.
     */
    void post(const ChatMessage &message, PostCallback done);
    /// The next part of a replay: the oldest messages after `afterId`, one history budget of them.
    void replay(const QString &room, qint64 afterId, ReplayCallback done) const;

    void rooms(RoomsCallback done) const override;
    void historyPage(const QString &room, qint64 beforeId, int limit, PageCallback done) const override;

private:
    void onMemberJoined(const QString &group, const GroupMember &member);
    void onMemberLeft(const QString &group, const GroupMember &member);

    ChannelLayer *m_layer;
    MessageStore *m_store;
    ChatSettings m_settings;
    Metrics *m_metrics;
    ConnectionRegistry m_connections;
};

} // namespace Kaiwa::Server
