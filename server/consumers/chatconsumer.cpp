// SPDX-License-Identifier: MIT
#include "chatconsumer.h"

#include "chatservice.h"
#include "common/protocol.h"
#include "common/serverevent.h"
#include "historyreader.h"
#include "layers/channellayer.h"
#include "metrics.h"
#include "serverlogging.h"
#include "transport/monotonicclock.h"
#include "transport/websocketconnection.h"

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {
// Typing frames a connection may send without touching its chat budget: twice what a client that
// follows Protocol::typingIntervalMs needs, with room for a burst after reconnecting.
constexpr double s_typingFramesPerSecond = 2;
constexpr double s_typingFrameBurst = 4;
// Frames up to this size are parsed before the rate limit, to tell typing notifications apart.
constexpr qsizetype s_smallFrameBytes = 256;
// How soon a connection with more than the history budget queued is looked at again: at once for a
// client that reads, less and less often (up to 4 times a second) for one that does not.
constexpr int s_minPaceIntervalMs = 10;
constexpr int s_maxPaceIntervalMs = 250;
// History requests that may wait for a client to read its queue. The desktop client and the page ask for
// one page at a time; a client with more waiting does not read what it asks for (closed as a slow reader).
constexpr qsizetype s_maxPendingPages = 16;
} // namespace

ChatConsumer::ChatConsumer(WebSocketConnection *connection, Join join, ChatService *service)
    : QObject(connection)
    , m_connection(connection)
    , m_service(service)
    , m_join(std::move(join))
    , m_group(ChatService::groupName(m_join.room))
    , m_rateLimiter(service->settings().rateLimit, service->settings().rateBurst, monotonicMs())
    , m_typingLimiter(s_typingFramesPerSecond, s_typingFrameBurst, monotonicMs())
{
    connect(connection, &WebSocketConnection::textMessageReceived, this, &ChatConsumer::onTextMessage);
    connect(connection, &WebSocketConnection::binaryMessageReceived, this, &ChatConsumer::onBinaryMessage);
    // Leave the room as soon as the socket starts closing: nothing more will be delivered.
    connect(connection, &WebSocketConnection::closing, this, &ChatConsumer::leave);
    connect(connection, &WebSocketConnection::disconnected, this, &ChatConsumer::leave);
    m_paceTimer.setSingleShot(true);
    m_paceTimer.setInterval(s_minPaceIntervalMs);
    connect(&m_paceTimer, &QTimer::timeout, this, &ChatConsumer::pumpHistory);
}

ChatConsumer::~ChatConsumer()
{
    leave();
}

void ChatConsumer::start()
{
    m_memberId = m_service->layer()->newMemberId();
    m_channel = m_service->layer()->newChannel(this, u"chat");
    m_service->layer()->groupAdd(m_group, m_channel);
    m_service->connections().add(this);
    if (m_join.kaiwaV1) {
        sendEvent(
            WelcomeEvent{m_join.room, m_join.user, m_service->store()->lastId(m_join.room), m_memberId}.toJson());
    }
    startReplay();
    // Tutorial-only clients are members too (others see them), they just get no typed events.
    m_service->join(m_join.room, Member{m_memberId, m_join.user});
    if (m_join.kaiwaV1) {
        // With Redis the list may come later; typed room events that arrive meanwhile wait for it.
        m_service->presence(m_join.room, [self = QPointer(this)](const PresenceEvent &presence) {
            if (self)
                self->onPresence(presence);
        });
    }
    m_connection->start();
}

void ChatConsumer::onPresence(const PresenceEvent &presence)
{
    if (m_presenceSent || m_channel.isEmpty())
        return;
    if (m_replayAfter) {
        m_pendingPresence = presence;
        return;
    }
    m_presenceSent = true;
    sendEvent(presence.toJson());
    for (const Envelope &envelope : std::exchange(m_held, {}))
        deliver(envelope);
}

void ChatConsumer::leave()
{
    if (m_channel.isEmpty())
        return;
    // Presence first, while still in the group: the member.left goes out to the others (not to us).
    m_service->leave(m_join.room, m_memberId);
    m_service->connections().remove(this);
    m_service->layer()->closeChannel(m_channel);
    m_channel.clear();
}

void ChatConsumer::end(quint16 code, QByteArrayView reason)
{
    // Closing emits closing(), which leaves the room: nothing more is delivered or posted.
    if (m_connection)
        m_connection->close(code, reason);
}

void ChatConsumer::startReplay()
{
    // Replay, then live, with no gap and no duplicate: the replay reads the store until it has sent its
    // newest message (also those stored while it was under way: every message is stored before it is
    // sent), and receive() drops live messages until then and skips live copies of what it sent.
    MessageStore *store = m_service->store();
    const qint64 lastId = store->lastId(m_join.room);
    qint64 from = 0;
    if (m_join.since) {
        // The store gives ids out one by one, so more than `maxRecovery` were missed exactly when the
        // newest id is further ahead: replay the newest `maxRecovery` and report the rest as a gap.
        // A room whose every message expired keeps nothing before its next id.
        const qint64 since = *m_join.since;
        from = std::max(since, lastId - m_service->settings().maxRecovery);
        const qint64 firstId = store->firstId(m_join.room);
        const qint64 firstAvailable = std::max(firstId > 0 ? firstId : lastId + 1, from + 1);
        if (m_join.kaiwaV1 && lastId > since && firstAvailable > since + 1)
            sendEvent(HistoryGapEvent{since, firstAvailable}.toJson());
    } else if (m_service->settings().historyOnJoin > 0) {
        from = std::max<qint64>(0, lastId - m_service->settings().historyOnJoin);
    } else {
        return;
    }
    m_replayedUpTo = from;
    m_replayAfter = from;
    pumpHistory();
}

void ChatConsumer::pumpHistory()
{
    // History is built only while the client reads what it was sent: at most one budget is queued when
    // the next answer (at most one budget, or one larger message) is added.
    bool progressed = false;
    while (m_connection && m_connection->isOpen() && (m_replayAfter || !m_pendingPages.isEmpty())) {
        if (m_connection->bytesToWrite() > m_service->settings().historyBudgetBytes) {
            m_paceTimer.start(progressed ? s_minPaceIntervalMs
                                         : std::min(m_paceTimer.interval() * 2, s_maxPaceIntervalMs));
            return;
        }
        progressed = true;
        if (m_replayAfter) {
            replayStep();
        } else {
            const HistoryRequest request = m_pendingPages.takeFirst();
            sendEvent(m_service->historyPage(m_join.room, request.before, request.limit).toJson());
        }
    }
}

void ChatConsumer::replayStep()
{
    const HistoryReader::Answer answer =
        HistoryReader(m_service->store(), m_service->settings().historyBudgetBytes).after(m_join.room, *m_replayAfter);
    for (const HistoryReader::Entry &entry : answer.entries) {
        m_connection->sendText(entry.wire);
        m_replayedUpTo = entry.message.id;
        m_sentUpTo = std::max(m_sentUpTo, m_replayedUpTo);
        sendDueAcks();
    }
    m_replayAfter = m_replayedUpTo;
    if (!answer.more)
        finishReplay();
}

void ChatConsumer::finishReplay()
{
    m_replayAfter.reset();
    // Everything acknowledged so far was stored before the replay's last read, so it has been sent by now.
    m_sentUpTo = std::max(m_sentUpTo, m_replayedUpTo);
    sendDueAcks();
    if (m_pendingPresence)
        onPresence(*std::exchange(m_pendingPresence, std::nullopt));
}

void ChatConsumer::receive(const Envelope &envelope)
{
    route(envelope);
    // During a replay a live chat message is dropped: the replay reads it from the store and counts it.
    if (!m_replayAfter && envelope.messageId() > m_sentUpTo) {
        m_sentUpTo = envelope.messageId();
        sendDueAcks();
    }
}

void ChatConsumer::route(const Envelope &envelope)
{
    if (!m_connection || (envelope.audience() == Envelope::Audience::KaiwaV1 && !m_join.kaiwaV1))
        return;
    if (envelope.messageId() != 0 && (m_replayAfter || envelope.messageId() <= m_replayedUpTo))
        return; // the replay reads it from the store, or already sent it
    if (!envelope.origin().isEmpty()) {
        if (envelope.origin() == m_memberId)
            return; // our own join, typing or leave
        if (!m_presenceSent) {
            m_held.append(envelope); // the presence list comes first
            return;
        }
    }
    deliver(envelope);
}

void ChatConsumer::deliver(const Envelope &envelope)
{
    if (!m_connection)
        return;
    if (Metrics *metrics = m_service->metrics())
        metrics->countMessageDelivered();
    m_connection->sendFrame(envelope.encoded([](const QByteArray &payload) { return WebSocketFrame::text(payload); }));
}

bool ChatConsumer::admitFrame()
{
    if (m_rateLimiter.tryAcquire(monotonicMs()))
        return true;
    if (m_rateLimiter.consecutiveRejections() > m_service->settings().maxRejectionsBeforeClose) {
        qCInfo(lcConsumer) << "closing flooding client" << m_connection->clientAddress().toString() << "in"
                           << m_join.room;
        m_connection->close(CloseCode::policyViolation, "rate limit exceeded");
        return false;
    }
    sendError(ErrorCode::RateLimited, u"too many messages: this one was not delivered; slow down"_s);
    return false;
}

void ChatConsumer::onTextMessage(const QByteArray &utf8)
{
    if (Metrics *metrics = m_service->metrics())
        metrics->countMessageReceived();
    // Typing notifications have a budget of their own (docs/protocol.md): they are told apart before
    // the rate limit, which only costs a parse for small frames.
    std::optional<ClientRequest> request;
    if (utf8.size() <= s_smallFrameBytes) {
        request = parseClientRequest(utf8);
        if (std::holds_alternative<TypingRequest>(*request) && m_typingLimiter.tryAcquire(monotonicMs())) {
            handle(std::get<TypingRequest>(*request));
            return;
        }
    }
    if (!admitFrame())
        return;
    if (!request)
        request = parseClientRequest(utf8);
    std::visit([this](const auto &parsed) { handle(parsed); }, *request);
}

void ChatConsumer::onBinaryMessage()
{
    if (!admitFrame())
        return;
    sendError(ErrorCode::BinaryFrame, u"binary frames are not supported; send JSON text frames"_s);
}

void ChatConsumer::handle(const ChatSend &send)
{
    const auto result = m_service->post(m_join.room, m_join.user, send.text, send.clientId, m_join.verified);
    if (!result) {
        sendError(ErrorCode::StoreFailed, u"the message could not be stored and was not delivered"_s, send.clientId);
        return;
    }
    if (m_join.kaiwaV1 && !send.clientId.isEmpty()) {
        // The ack follows the sender's own chat.message (docs/protocol.md): that message may still be on its
        // way, in a replay that reads it from the store, or held back by the Redis layer's sequencer while an
        // earlier id is filled in from the store.
        m_pendingAcks.append(AckEvent{result->message.id, send.clientId, result->duplicate});
        sendDueAcks();
    }
    // The message is what they were typing: take the indicator down now rather than at its expiry.
    if (m_lastTypingMs != 0 && monotonicMs() - m_lastTypingMs < Protocol::typingExpiryMs) {
        m_lastTypingMs = 0;
        m_service->typing(m_join.room, Member{m_memberId, m_join.user}, 0);
    }
}

void ChatConsumer::sendDueAcks()
{
    // A duplicate's ack has no message of its own to wait for: it goes out once the acks before it did.
    while (!m_pendingAcks.isEmpty()
           && (m_pendingAcks.first().duplicate || m_pendingAcks.first().id <= m_sentUpTo))
        sendEvent(m_pendingAcks.takeFirst().toJson());
}

void ChatConsumer::handle(const TypingRequest &)
{
    // At most one relayed per interval; the rest are coalesced into it silently (not an error).
    const qint64 now = monotonicMs();
    if (m_lastTypingMs != 0 && now - m_lastTypingMs < Protocol::typingIntervalMs)
        return;
    m_lastTypingMs = now;
    m_service->typing(m_join.room, Member{m_memberId, m_join.user}, Protocol::typingExpiryMs);
}

void ChatConsumer::handle(const HistoryRequest &request)
{
    if (!m_join.kaiwaV1) {
        sendError(ErrorCode::UnknownType, u"history requests need the kaiwa.v1 subprotocol"_s);
        return;
    }
    if (m_pendingPages.size() >= s_maxPendingPages) {
        qCInfo(lcConsumer) << "closing" << m_connection->clientAddress().toString() << "which asks for history"
                           << "without reading it";
        m_connection->close(CloseCode::tryAgainLater, "slow reader: history requests wait for the client to read");
        return;
    }
    m_pendingPages.append(request);
    pumpHistory();
}

void ChatConsumer::handle(const ProtocolError &error)
{
    sendError(error.code, error.detail);
}

void ChatConsumer::sendError(ErrorCode code, const QString &detail, const QString &clientId)
{
    if (Metrics *metrics = m_service->metrics())
        metrics->countError(errorCodeName(code));
    sendEvent(ErrorEvent{code, detail, clientId}.toJson());
}

void ChatConsumer::sendEvent(const QJsonObject &event)
{
    if (m_connection)
        m_connection->sendText(toWire(event));
}

} // namespace Kaiwa::Server
