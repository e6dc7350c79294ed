// SPDX-License-Identifier: MIT
#pragma once

#include "common/clientrequest.h"
#include "common/serverevent.h"
#include "layers/channelreceiver.h"
#include "layers/envelope.h"
#include "ratelimiter.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace Kaiwa::Server {

class ChatService;
class WebSocketConnection;

/**
 * One chat connection, like Channels' ChatConsumer: joins the room's group on connect,
 * replays history, turns client frames into stored and broadcast messages, answers bad
 * input with a typed error and keeps the connection open, and leaves the group on disconnect.
 * It is also a member of the room's presence under a member id of its own, and is listed in the
 * service's ConnectionRegistry, from start() to leave().
 *
 * History goes out within a byte budget per answer and per connection (docs/protocol.md, "History
 * budget"): the replay on join or recovery is read from the store a budget at a time, and it and the
 * answers to history requests are only built while the connection has less than a budget queued. A
 * client that asks for history and does not read it holds about two budgets of the daemon's memory.
 *
 * Owned by its WebSocketConnection (a child), so it lives exactly as long as the socket.
 */
class ChatConsumer : public QObject, public ChannelReceiver
{
    Q_OBJECT
public:
    struct Join {
        QString room;
        QString user;                ///< Sanitised display name.
        std::optional<qint64> since; ///< Last id the client saw, for recovery.
        bool kaiwaV1 = false;        ///< The client negotiated typed events.
        bool verified = false;       ///< `user` is the account the client signed in to.
        QByteArray sessionHash;      ///< With `verified`: the sign-in session (SessionToken::hash).
    };

    ChatConsumer(WebSocketConnection *connection, Join join, ChatService *service);
    ~ChatConsumer() override;

    /// Joins the group, sends the welcome, the history and (kaiwa.v1) the presence list, then starts reading.
    void start();

    /// The id presence and typing events name this connection by.
    const QString &memberId() const { return m_memberId; }
    const QString &room() const { return m_join.room; }
    /// The account the connection is signed in to; empty when anonymous.
    QString account() const { return m_join.verified ? m_join.user : QString(); }
    const QByteArray &sessionHash() const { return m_join.sessionHash; }

    /// Ends the connection with a close code (e.g. Protocol::CloseCode::sessionEnded); it reads nothing more.
    void end(quint16 code, QByteArrayView reason);

    void receive(const Envelope &envelope) override;

private:
    void route(const Envelope &envelope);
    void sendDueAcks();
    void onTextMessage(const QByteArray &utf8);
    void onBinaryMessage();
    bool admitFrame();
    void handle(const ChatSend &send);
    void handle(const HistoryRequest &request);
    void handle(const TypingRequest &request);
    void handle(const ProtocolError &error);
    void onPresence(const PresenceEvent &presence);
    void deliver(const Envelope &envelope);
    void startReplay();
    void pumpHistory();
    void replayStep();
    void finishReplay();
    void sendError(ErrorCode code, const QString &detail, const QString &clientId = {});
    void sendEvent(const QJsonObject &event);
    void leave();

    QPointer<WebSocketConnection> m_connection;
    ChatService *m_service;
    Join m_join;
    QString m_channel;
    QString m_group;
    RateLimiter m_rateLimiter;
    RateLimiter m_typingLimiter; ///< Typing frames within it cost no chat token (docs/protocol.md).
    qint64 m_replayedUpTo = 0; ///< Highest id sent by replay; live copies up to it are skipped.
    /// While the replay is under way: its next step reads the messages after this id.
    std::optional<qint64> m_replayAfter;
    QList<HistoryRequest> m_pendingPages; ///< History requests waiting for the client to read what is queued.
    qint64 m_sentUpTo = 0; ///< Highest chat message id this client was sent (live, skipped as replayed, or replayed).
    QList<AckEvent> m_pendingAcks; ///< Acks of messages not sent to their sender yet, in id order: each follows its message.
    std::optional<PresenceEvent> m_pendingPresence; ///< The presence list comes after the replay.
    QTimer m_paceTimer; ///< Looks again whether the client read its queue (the transport has no signal for it).
    QString m_memberId;
    bool m_presenceSent = false;  ///< The presence list went out; typed room events flow from now on.
    QList<Envelope> m_held;       ///< Typed room events that arrived before the presence list.
    qint64 m_lastTypingMs = 0;    ///< When a typing event was last relayed; 0: never.
};

} // namespace Kaiwa::Server
