// SPDX-License-Identifier: MIT
#pragma once

#include "chatservice.h"
#include "common/clientrequest.h"
#include "common/serverevent.h"
#include "consumerscope.h"
#include "historyreader.h"
#include "layers/channelreceiver.h"
#include "layers/envelope.h"
#include "ratelimiter.h"
#include "storage/messagestore.h"
#include "transport/websockethandler.h"

#include <QBasicTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace Kaiwa::Server {

class RoomSubscription;
class WebSocketConnection;

/**
 * One chat connection, like Channels' ChatConsumer: joins its room on connect, replays history,
 * turns client frames into stored and broadcast messages, answers bad input with a typed error and
 * keeps the connection open, and leaves the room on disconnect. Everything it does in the room goes
 * through ChatService (join(), post(), replay(), historyPage(), presence(), typing()); it is in the
 * room, its presence (under a member id of its own) and the service's ConnectionRegistry while it
 * holds the RoomSubscription join() gave it, from start() to leave().
 *
 * History goes out within a byte budget per answer and per connection (docs/protocol.md, "History
 * budget"): the replay on join or recovery is read from the store a budget at a time, and it and the
 * answers to history requests are only built while the connection has less than a budget queued. A
 * client that asks for history and does not read it holds about two budgets of the daemon's memory.
 * One read is under way at a time; its answer may come later than the request (ChatService).
 *
 * Owned by its WebSocketConnection (a child), so it lives exactly as long as the socket; made by the
 * factory() a WebSocket route holds.
 */
class ChatConsumer : public QObject, public ChannelReceiver, public WebSocketHandler
{
    Q_OBJECT
public:
    ChatConsumer(WebSocketConnection *connection, ConsumerScope scope, ChatService *service);
    ~ChatConsumer() override;

    /// What a WebSocket route holds to make (and start) a ChatConsumer for each accepted socket.
    static ConsumerFactory factory(ChatService *service);

    /// Joins the room, sends the welcome, the history and (kaiwa.v1) the presence list, then starts reading.
    void start();

    /// This connection in presence and typing events: its member id and name.
    Member member() const { return Member{m_memberId, m_scope.user}; }
    const QString &room() const { return m_scope.room; }
    /// The account the connection is signed in to; empty when anonymous.
    QString account() const { return m_scope.verified ? m_scope.user : QString(); }
    const QByteArray &sessionHash() const { return m_scope.sessionHash; }
    /// The client's address (what an address ban or mute of an anonymous connection covers).
    QHostAddress address() const;
    /// Whether the client negotiated kaiwa.v1 (it receives typed events).
    bool isKaiwaV1() const { return m_scope.kaiwaV1; }

    /// Ends the connection with a close code (e.g. Protocol::CloseCode::sessionEnded); it reads nothing more.
    void end(quint16 code, QByteArrayView reason);

    void receive(const Envelope &envelope) override;

    void onTextMessage(const QByteArray &utf8) override;
    void onBinaryMessage(const QByteArray &data) override;
    /// Leaves the room as soon as the socket starts closing: nothing more will be delivered.
    void onClosing(quint16 code) override;
    void onDisconnected() override;

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void route(const Envelope &envelope);
    void sendDueAcks();
    /// Takes a token of the rate limit; false (answered, or closed) when there is none. Every request costs one.
    bool admitFrame(const QString &clientId = {});
    void handle(const ChatSend &send);
    void onPosted(const QString &clientId, const std::optional<MessageStore::AppendResult> &stored);
    void handle(const EditRequest &request);
    void handle(const DeleteRequest &request);
    void handle(const ReactionRequest &request);
    /// Answers an edit, delete or reaction: an error, or (with a client_id) an ack once the event reached us.
    void onEventDone(const QString &clientId, const ChatService::EventOutcome &outcome);
    /// This connection as the actor of an edit, delete or reaction.
    ChatService::Actor actor() const;
    /// What ChatService::EventCallback answers to this consumer, as long as it lives.
    ChatService::EventCallback eventDone(const QString &clientId);
    /// Queues the ack of a request with a client_id (kaiwa.v1): it follows the event the request made.
    void acknowledge(const AckEvent &ack);
    void handle(const HistoryRequest &request);
    void handle(const TypingRequest &request);
    void handle(const ReadRequest &request);
    void handle(const ModerationRequest &request);
    void handle(const RoomSetRequest &request);
    void handle(const GrantRequest &request);
    void handle(const RevokeRequest &request);
    void handle(const ProtocolError &error);
    /// A moderation event reached the room: when it is about this connection, it is recorded here (a member's) and
    /// a kick or ban closes the connection (4010, 4011) after the client got the event.
    void onModeration(const ModerationEvent &event);
    /// Refuses a post, edit or reaction of a muted member (`muted`, with its end); false when it is not muted.
    bool refuseIfMuted(const QString &clientId);
    void onPresence(const PresenceEvent &presence);
    void deliver(const Envelope &envelope);
    void pumpHistory();
    void onReplayPart(const HistoryReader::Answer &part);
    void onHistoryPage(const HistoryPageEvent &page);
    /// A history read answered: the next one may start (now, or from the pump that is running).
    void historyReadDone();
    void finishReplay();
    void sendError(ErrorCode code, const QString &detail, const QString &clientId = {}, const QDateTime &until = {});
    void sendEvent(const QJsonObject &event);
    void leave();

    QPointer<WebSocketConnection> m_connection;
    ChatService *m_service;
    ConsumerScope m_scope;
    std::unique_ptr<RoomSubscription> m_subscription; ///< In the room while set.
    RateLimiter m_rateLimiter;
    RateLimiter m_typingLimiter; ///< Typing frames within it cost no chat token (docs/protocol.md).
    qint64 m_replayedUpTo = 0;   ///< Highest id sent by replay; live copies up to it are skipped.
    /// While the replay is under way: its next step reads the events after this id.
    std::optional<qint64> m_replayAfter;
    qint64 m_replayMessagesUpTo = 0;      ///< Up to this id the replay sends messages only (ChatService::Joined).
    QList<HistoryRequest> m_pendingPages; ///< History requests waiting for the client to read what is queued.
    qint64 m_sentUpTo = 0; ///< Highest chat message id this client was sent (live, skipped as replayed, or replayed).
    QList<AckEvent>
        m_pendingAcks; ///< Acks of messages not sent to their sender yet, in id order: each follows its message.
    std::optional<PresenceEvent> m_pendingPresence; ///< The presence list comes after the replay.
    /// Looks again whether the client read its queue (the transport has no signal for it). A QBasicTimer, not a
    /// QTimer: every connection has one, and a QTimer is an object with a connection of its own (about 500 bytes).
    QBasicTimer m_paceTimer;
    int m_paceIntervalMs;
    bool m_historyReading = false; ///< A replay step or page was asked of the service and has not come back.
    bool m_pumping = false;        ///< pumpHistory() is running (an answer that comes at once does not re-enter it).
    QString m_memberId;
    bool m_presenceSent = false; ///< The presence list went out; typed room events flow from now on.
    QList<Envelope> m_held;      ///< Typed room events that arrived before the presence list.
    qint64 m_lastTypingMs = 0;   ///< When a typing event was last relayed; 0: never.
};

} // namespace Kaiwa::Server
