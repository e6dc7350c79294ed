// SPDX-License-Identifier: MIT
#pragma once

#include "common/clientrequest.h"
#include "layers/channelreceiver.h"
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
    };

    ChatConsumer(WebSocketConnection *connection, Join join, ChatService *service);
    ~ChatConsumer() override;

    /// Joins the group, sends the welcome and the history, then starts reading the socket.
    void start();

    void receive(const Envelope &envelope) override;

private:
    void onTextMessage(const QByteArray &utf8);
    void onBinaryMessage();
    bool admitFrame();
    void handle(const ChatSend &send);
    void handle(const HistoryRequest &request);
    void handle(const ProtocolError &error);
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
    qint64 m_replayedUpTo = 0; ///< Highest id sent by replay; live copies up to it are skipped.
};

} // namespace Kaiwa::Server
