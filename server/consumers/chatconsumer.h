// SPDX-License-Identifier: MIT
#pragma once

#include "common/clientrequest.h"
#include "common/serverevent.h"
#include "layers/channelreceiver.h"
#include "layers/envelope.h"
#include "ratelimiter.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace Kaiwa::Server {

class ChatService;
class WebSocketConnection;

/**
 * One chat connection, like Channels' ChatConsumer: joins the room's group on connect,
 * replays history, turns client frames into stored and broadcast messages, answers bad
 * input with a typed error and keeps the connection open, and leaves the group on disconnect.
 * It is also a member of the room's presence under a member id of its own, from start() to leave().
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
    };

    ChatConsumer(WebSocketConnection *connection, Join join, ChatService *service);
    ~ChatConsumer() override;

    /// Joins the group, sends the welcome, the history and (kaiwa.v1) the presence list, then starts reading.
    void start();

    /// The id presence and typing events name this connection by.
    const QString &memberId() const { return m_memberId; }

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
    void replayHistory();
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
    qint64 m_liveUpTo = 0;     ///< Highest chat message id that reached this consumer live (sent or skipped).
    QList<AckEvent> m_pendingAcks; ///< Acks of messages that have not reached their sender yet, in id order.
    QString m_memberId;
    bool m_presenceSent = false;  ///< The presence list went out; typed room events flow from now on.
    QList<Envelope> m_held;       ///< Typed room events that arrived before the presence list.
    qint64 m_lastTypingMs = 0;    ///< When a typing event was last relayed; 0: never.
};

} // namespace Kaiwa::Server
