// SPDX-License-Identifier: MIT
#include "chatconsumer.h"

#include "chatservice.h"
#include "common/serverevent.h"
#include "layers/channellayer.h"
#include "serverlogging.h"
#include "transport/monotonicclock.h"
#include "transport/websocketconnection.h"

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

ChatConsumer::ChatConsumer(WebSocketConnection *connection, Join join, ChatService *service)
    : QObject(connection)
    , m_connection(connection)
    , m_service(service)
    , m_join(std::move(join))
    , m_group(ChatService::groupName(m_join.room))
    , m_rateLimiter(service->settings().rateLimit, service->settings().rateBurst, monotonicMs())
{
    connect(connection, &WebSocketConnection::textMessageReceived, this, &ChatConsumer::onTextMessage);
    connect(connection, &WebSocketConnection::binaryMessageReceived, this, &ChatConsumer::onBinaryMessage);
    // Leave the room as soon as the socket starts closing: nothing more will be delivered.
    connect(connection, &WebSocketConnection::closing, this, &ChatConsumer::leave);
    connect(connection, &WebSocketConnection::disconnected, this, &ChatConsumer::leave);
}

ChatConsumer::~ChatConsumer()
{
    leave();
}

void ChatConsumer::start()
{
    m_channel = m_service->layer()->newChannel(this, u"chat");
    m_service->layer()->groupAdd(m_group, m_channel);
    if (m_join.kaiwaV1)
        sendEvent(WelcomeEvent{m_join.room, m_join.user, m_service->store()->lastId(m_join.room)}.toJson());
    replayHistory();
    m_connection->start();
}

void ChatConsumer::leave()
{
    if (m_channel.isEmpty())
        return;
    m_service->layer()->closeChannel(m_channel);
    m_channel.clear();
}

void ChatConsumer::replayHistory()
{
    // Everything here runs in one event loop turn after groupAdd(): any message stored later is
    // delivered live, and live copies of what the replay already sent are skipped by id.
    MessageStore *store = m_service->store();
    QList<ChatMessage> messages;
    if (m_join.since) {
        const qint64 since = *m_join.since;
        const int cap = m_service->settings().maxRecovery;
        messages = store->after(m_join.room, since, cap + 1);
        qint64 firstAvailable = store->firstId(m_join.room);
        if (messages.size() > cap) {
            // More was missed than one replay carries: send the newest `cap`, report the rest as a gap.
            messages = store->latest(m_join.room, cap);
            firstAvailable = messages.isEmpty() ? 0 : messages.first().id;
        }
        if (m_join.kaiwaV1 && firstAvailable > since + 1)
            sendEvent(HistoryGapEvent{since, firstAvailable}.toJson());
    } else if (m_service->settings().historyOnJoin > 0) {
        messages = store->latest(m_join.room, m_service->settings().historyOnJoin);
    }
    for (const ChatMessage &message : std::as_const(messages)) {
        sendEvent(message.toJson());
        m_replayedUpTo = message.id;
    }
    if (m_join.since)
        m_replayedUpTo = qMax(m_replayedUpTo, *m_join.since);
}

void ChatConsumer::receive(const Envelope &envelope)
{
    if (!m_connection || (envelope.audience() == Envelope::Audience::KaiwaV1 && !m_join.kaiwaV1))
        return;
    if (envelope.messageId() != 0 && envelope.messageId() <= m_replayedUpTo)
        return;
    m_connection->sendFrame(envelope.encoded([](const QByteArray &payload) { return WebSocketFrame::text(payload); }));
}

bool ChatConsumer::admitFrame()
{
    if (m_rateLimiter.tryAcquire(monotonicMs()))
        return true;
    if (m_rateLimiter.consecutiveRejections() > m_service->settings().maxRejectionsBeforeClose) {
        qCInfo(lcConsumer) << "closing flooding client" << m_connection->peerAddress().toString() << "in"
                           << m_join.room;
        m_connection->close(CloseCode::policyViolation, "rate limit exceeded");
        return false;
    }
    sendError(ErrorCode::RateLimited, u"too many messages: this one was not delivered; slow down"_s);
    return false;
}

void ChatConsumer::onTextMessage(const QByteArray &utf8)
{
    if (!admitFrame())
        return;
    std::visit([this](const auto &request) { handle(request); }, parseClientRequest(utf8));
}

void ChatConsumer::onBinaryMessage()
{
    if (!admitFrame())
        return;
    sendError(ErrorCode::BinaryFrame, u"binary frames are not supported; send JSON text frames"_s);
}

void ChatConsumer::handle(const ChatSend &send)
{
    const auto result = m_service->post(m_join.room, m_join.user, send.text, send.clientId);
    if (!result) {
        sendError(ErrorCode::StoreFailed, u"the message could not be stored and was not delivered"_s, send.clientId);
        return;
    }
    if (m_join.kaiwaV1 && !send.clientId.isEmpty())
        sendEvent(AckEvent{result->message.id, send.clientId, result->duplicate}.toJson());
}

void ChatConsumer::handle(const HistoryRequest &request)
{
    if (!m_join.kaiwaV1) {
        sendError(ErrorCode::UnknownType, u"history requests need the kaiwa.v1 subprotocol"_s);
        return;
    }
    sendEvent(m_service->historyPage(m_join.room, request.before, request.limit).toJson());
}

void ChatConsumer::handle(const ProtocolError &error)
{
    sendError(error.code, error.detail);
}

void ChatConsumer::sendError(ErrorCode code, const QString &detail, const QString &clientId)
{
    sendEvent(ErrorEvent{code, detail, clientId}.toJson());
}

void ChatConsumer::sendEvent(const QJsonObject &event)
{
    if (m_connection)
        m_connection->sendText(toWire(event));
}

} // namespace Kaiwa::Server
