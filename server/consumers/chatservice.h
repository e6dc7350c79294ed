// SPDX-License-Identifier: MIT
#pragma once

#include "chatsettings.h"
#include "common/clientrequest.h"
#include "common/serverevent.h"
#include "connectionregistry.h"
#include "historyreader.h"
#include "joinroomstates.h"
#include "layers/channelreceiver.h"
#include "roomaccess.h"
#include "roomdirectory.h"
#include "roommoderation.h"
#include "roompolicy.h"
#include "roomsubscription.h"
#include "storage/groupcommit.h"
#include "storage/messagestore.h"
#include "storage/readmarkerstore.h"
#include "storage/roompolicystore.h"

#include <QObject>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace Kaiwa::Server {

class AccountStore;
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
 *   room, so nothing is broadcast that a restart could lose; the result comes back through a callback
 *   once the message's transaction committed, shared with the other messages of its loop turn (GroupCommit).
 *   edit(), remove() and react() are the same path for the events that change a message: who may do
 *   what is decided here (mayEdit(), mayDelete()), what the data decides by the store, in its transaction.
 * - replay() and historyPage() read history one budget at a time (HistoryReader), through callbacks.
 * - Presence: every join and leave the layer reports (from this daemon or another) becomes a
 *   member.joined/member.left event for this daemon's kaiwa.v1 members of the room; typing() relays
 *   a typing event to the whole room.
 *
 * - Rooms with owners (docs/protocol.md): who may enter, see and change a room is RoomPolicy's (policy()), asked
 *   through here (mayEnter(), maySee(), roleOf()); setRoom(), grant() and revoke() change it. A change goes to every
 *   daemon through one group of the layer (ChatGroup::policyName()), whose ChatService refreshes its policy, closes
 *   the connections that lost access and tells its members of the room; changes made elsewhere (the CLI) come from
 *   the policy's poll the same way.
 *
 * Callbacks may run before the call returns (the stores answer at once today) or later (a store on
 * another thread): a caller assumes neither, and guards what it captures (QPointer).
 */
class ChatService : public QObject, public RoomDirectory, public RoomAccess, public ChannelReceiver
{
    Q_OBJECT
public:
    /// What join() tells the connection that joined.
    struct Joined {
        std::unique_ptr<RoomSubscription> subscription; ///< In the room until this is destroyed.
        qint64 lastId = 0;                              ///< The room's newest id when it joined (the welcome's).
        /// Recovery cannot give all that was missed: the ids from `since` to firstAvailable are gone.
        std::optional<HistoryGapEvent> gap;
        /// Replay the events after this id, with replay(), before live ones; none: nothing to replay.
        std::optional<qint64> replayAfter;
        /// Up to this id the replay sends messages only, in their current state (a join's latest history).
        qint64 messagesUpTo = 0;
        QString epoch; ///< The room's history epoch, for the welcome.
        /// The client's `since`/epoch belong to another history: it gets this, then the latest history.
        std::optional<HistoryResetEvent> reset;
        /// A signed-in connection's read marker in the room (made at lastId on the account's first join), for the
        /// welcome; none for an anonymous one, or when the store failed.
        std::optional<qint64> readId;
        QString topic;                  ///< The room's, for the welcome.
        bool isPrivate = false;         ///< Likewise.
        RoomRole role = RoomRole::None; ///< The connection's account's role in the room.
        QString direct;                 ///< A direct-message room: the other account.
    };
    /// Who acts in a room: what edit(), remove() and react() check and store.
    struct Actor {
        QString room;
        QString user; ///< Display name (the account when verified).
        bool verified = false;
        QString author; ///< authorKey(): account:<name> or member:<member id>.
        /// The account acting; empty when anonymous.
        QString account() const { return verified ? user : QString(); }
    };
    /// What became of an edit, delete or reaction.
    struct EventOutcome {
        qint64 id = 0;                  ///< The stored event (the original one for a duplicate client_id); 0 when none.
        bool duplicate = false;         ///< Nothing new was stored: answer with an ack only.
        std::optional<ErrorCode> error; ///< Refused (or store_failed): answer with this error.
        QString detail;
    };
    using PostCallback = std::function<void(const std::optional<MessageStore::AppendResult> &stored)>;
    using EventCallback = std::function<void(const EventOutcome &outcome)>;
    using ReplayCallback = std::function<void(const HistoryReader::Answer &part)>;
    using PresenceCallback = std::function<void(const PresenceEvent &presence)>;
    using ReadCallback = std::function<void(bool stored)>;

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
    /// Kicks, bans and mutes, and the restrictions in force (docs/protocol.md, "Moderation").
    RoomModeration &moderation() { return *m_moderation; }
    const RoomModeration &moderation() const { return *m_moderation; }
    /// Where consumers count what they receive, deliver and refuse (may be null).
    Metrics *metrics() const { return m_metrics; }
    /// Why the chat does not do all it should, for /healthz ("redis unavailable"); empty when it does.
    QString degradedReason() const;
    /// Who may do what in the rooms (never null; without a store of room settings every room is public).
    RoomPolicy *policy() const { return m_policy.get(); }
    /// Chat messages are written by `worker` from now on, off the loop (GroupCommit::setWorker()).
    void setAppendWorker(std::unique_ptr<AppendWorker> worker) { m_writer.setWorker(std::move(worker)); }
    /// The accounts, to tell whether a granted account or a direct message's other account exists (may be null).
    void setAccounts(AccountStore *accounts)
    {
        m_accounts = accounts;
        m_moderation->setAccounts(accounts);
    }
    /// The account's role in the room (None: anonymous, or no role).
    RoomRole roleOf(const QString &room, const QString &account) const { return m_policy->role(room, account); }

    /// A member id for a new connection, unique across daemons.
    QString newMemberId();
    /**
     * Puts a connection into its room (ChatConsumer::room(), under ChatConsumer::member()): its
     * channel joins the room's group, so it receives what the room is sent from now on; it enters the
     * room's presence (the others get member.joined) and the ConnectionRegistry. With `since` (recovery)
     * the replay covers what the client missed, at most settings().maxRecovery; without, the newest
     * settings().historyOnJoin messages. A `since` beyond the room's last id or with an `epoch` that is not
     * the room's is a reset: the latest messages as on a first join.
     */
    Joined join(ChatConsumer *connection, std::optional<qint64> since, const QString &epoch);
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
    void post(const ChatMessage &message, const QString &author, PostCallback done);
    /// Commits the messages post() still holds for the end of this loop turn now, and sends them to their rooms:
    /// before a connection is closed by the server (a flood, shutdown), so what it had sent and was taken goes out
    /// first.
    void commitPosts() { m_writer.flush(); }
    /// What stores post()'s messages (its committed() signal tells each batch).
    const GroupCommit &messageWriter() const { return m_writer; }
    /// Replaces the text of the actor's message (mayEdit()), stored as an edit event and sent to the room.
    void edit(const Actor &actor, const EditRequest &request, EventCallback done);
    /// Takes a message back (mayDelete()): its text is gone from the store; a delete event goes to the room.
    void remove(const Actor &actor, const DeleteRequest &request, EventCallback done);
    /// Adds or takes back the actor's reaction (anyone in the room), within the bounds of docs/protocol.md.
    void react(const Actor &actor, const ReactionRequest &request, EventCallback done);

    /// Whether the actor may edit the message: its author (the same account, or the same connection when
    /// anonymous), within settings().editWindowSeconds of sending it.
    bool mayEdit(const Actor &actor, const MessageStore::MessageFacts &message) const;
    /// Whether the actor, of `role` in the room, may delete the message: its author, or a moderator or owner.
    static bool mayDelete(const Actor &actor, const MessageStore::MessageFacts &message, RoomPolicyStore::Role role);
    /// The next part of a replay: the oldest events after `afterId` (messages only up to `messagesUpTo`), one
    /// history budget of them.
    void replay(const QString &room, qint64 afterId, qint64 messagesUpTo, ReplayCallback done) const;

    /**
     * Moves the account's read marker in the room forward to `id` (clamped to the room's last id; a lower id
     * changes nothing). When it moved, every kaiwa.v1 connection of the account, in any room on any daemon, gets a
     * ReadEvent through the account's group (ChatGroup::accountName()). `done` learns whether the store took it.
     */
    void markRead(const QString &account, const QString &room, qint64 id, ReadCallback done);

    /// Changes the room's topic or visibility (owners; not in a direct-message room), tells every daemon.
    void setRoom(const Actor &actor, const RoomSetRequest &request, EventCallback done);
    /// Gives an account a role in the room (owners), tells every daemon.
    void grant(const Actor &actor, const GrantRequest &request, EventCallback done);
    /// Takes an account's role away (owners; never the last owner's), tells every daemon.
    void revoke(const Actor &actor, const RevokeRequest &request, EventCallback done);

    RoomPolicy::Entry mayEnter(const QString &room, const QString &account, const QHostAddress &address) override;
    std::optional<QString> directRoom(const QString &account, const QString &other) override;

    /// A change of a room's policy from the policy group (this daemon's or another's): see the class comment.
    void receive(const Envelope &envelope) override;

    void rooms(const QString &account, RoomsCallback done) const override;
    void historyPage(const QString &room, qint64 beforeId, int limit, PageCallback done) const override;
    void search(const MessageStore::SearchQuery &query, const QString &asker, SearchCallback done) const override;
    void auditLog(const QString &room, const QString &asker, qint64 beforeId, int limit,
                  AuditCallback done) const override;
    bool maySee(const QString &room, const QString &asker) const override { return m_policy->maySee(room, asker); }
    void details(const QString &room, const QString &asker, DetailsCallback done) const override;

private:
    /// The room's history epoch as clients see it: its random epoch (`stored`) combined with the store's identity.
    QString epochOf(const QString &room, const QString &stored) const;
    /// Makes the signed-in account the owner of a room nobody configured and nothing was stored in.
    void claimIfNew(const QString &room, const QString &account);
    /// Refused unless the actor owns the room and it is no direct-message room; the refusal, or nothing.
    std::optional<EventOutcome> ownerRefusal(const Actor &actor, const QString &what);
    /// Records an owner's change in the room's audit log (a failure is logged: the change stands).
    void audit(const QString &room, const QString &actor, const QString &action, const QString &target,
               const QString &detail);
    /// Sends a policy event to every daemon (receive()); this daemon's policy is refreshed at once.
    void announce(const QString &room, const QJsonObject &event);
    /// Tells this daemon's kaiwa.v1 members of the room, and closes the connections that may no longer be in it.
    void applyLocally(const QString &room, const QByteArray &event);
    /// Closes this daemon's connections to the room that may no longer enter it (4012, or 4011 when banned).
    void enforceAccess(const QString &room);
    /// Leaves out of the room list what the account may not see, adds the rooms it has a role in, and fills in each
    /// room's settings and the account's role.
    void listPolicies(const QString &account, std::map<QString, Room> &byName) const;
    /// The other account of a direct-message room's settings.
    static QString otherAccount(const RoomPolicy::Settings &settings, const QString &account);

    void onMemberJoined(const QString &group, const GroupMember &member);
    void onMemberLeft(const QString &group, const GroupMember &member);
    /// Stores an event and sends it to the room when it is new; `done` learns what became of it.
    void store(const RoomEvent &event, const QString &author, const EventCallback &done);

    ChannelLayer *m_layer;
    MessageStore *m_store;
    ChatSettings m_settings;
    Metrics *m_metrics;
    ConnectionRegistry m_connections;
    std::unique_ptr<ReadMarkerStore> m_readMarkers; ///< On the message store's database; null when it keeps none.
    std::unique_ptr<RoomPolicy> m_policy;
    std::unique_ptr<RoomModeration> m_moderation; ///< Over m_policy.
    GroupCommit m_writer;                         ///< post()'s way into m_store.
    JoinRoomStates m_joinRoomStates;              ///< What join() reads of its room, once per room and turn.
    AccountStore *m_accounts = nullptr;
    QString m_policyChannel; ///< This daemon's member of the policy group.
};

} // namespace Kaiwa::Server
