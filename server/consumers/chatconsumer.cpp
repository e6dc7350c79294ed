// SPDX-License-Identifier: MIT
#include "chatconsumer.h"

#include "chatservice.h"
#include "common/isotime.h"
#include "common/protocol.h"
#include "common/serverevent.h"
#include "consumerslogging.h"
#include "metrics/metrics.h"
#include "roomsubscription.h"
#include "transport/monotonicclock.h"
#include "transport/websocketconnection.h"

#include <QTimerEvent>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {
// Typing frames a connection may send without touching its chat budget: twice what a client that
// follows Protocol::typingIntervalMs needs, with room for a burst after reconnecting.
constexpr double s_typingFramesPerSecond = 2;
constexpr double s_typingFrameBurst = 4;
// Frames up to this size are parsed before the rate limit, to tell typing notifications apart (and to name
// the client_id of a refused edit, delete or reaction, which are small too).
constexpr qsizetype s_smallFrameBytes = 256;
// How soon a connection with more than the history budget queued is looked at again: at once for a
// client that reads, less and less often (up to 4 times a second) for one that does not.
constexpr int s_minPaceIntervalMs = 10;
constexpr int s_maxPaceIntervalMs = 250;
// History requests that may wait for a client to read its queue. The desktop client and the page ask for
// one page at a time; a client with more waiting does not read what it asks for (closed as a slow reader).
constexpr qsizetype s_maxPendingPages = 16;

/// The client_id of a request that has one, so that even its rate-limit error names it.
QString clientIdOf(const std::optional<ClientRequest> &request)
{
    if (!request)
        return {};
    return std::visit(
        [](const auto &parsed) {
            if constexpr (requires { parsed.clientId; })
                return parsed.clientId;
            else
                return QString();
        },
        *request);
}
} // namespace

ChatConsumer::ChatConsumer(WebSocketConnection *connection, ConsumerScope scope, ChatService *service)
    : QObject(connection)
    , m_connection(connection)
    , m_service(service)
    , m_scope(std::move(scope))
    , m_rateLimiter(service->settings().rateLimit, service->settings().rateBurst, monotonicMs())
    , m_typingLimiter(s_typingFramesPerSecond, s_typingFrameBurst, monotonicMs())
    , m_paceIntervalMs(s_minPaceIntervalMs)
{
    connection->setHandler(this);
}

ChatConsumer::~ChatConsumer()
{
    if (m_connection) // null while the connection itself is being destroyed (this is its child)
        m_connection->setHandler(nullptr);
    leave();
}

ConsumerFactory ChatConsumer::factory(ChatService *service)
{
    return [service](WebSocketConnection *socket, ConsumerScope scope) {
        (new ChatConsumer(socket, std::move(scope), service))->start();
    };
}

void ChatConsumer::start()
{
    m_memberId = m_service->newMemberId();
    ChatService::Joined joined = m_service->join(this, m_scope.since, m_scope.epoch);
    m_subscription = std::move(joined.subscription);
    if (m_scope.kaiwaV1) {
        sendEvent(WelcomeEvent{.room = m_scope.room,
                               .user = m_scope.user,
                               .lastId = joined.lastId,
                               .memberId = m_memberId,
                               .epoch = joined.epoch,
                               .readId = joined.readId,
                               .topic = joined.topic,
                               .isPrivate = joined.isPrivate,
                               .role = joined.role,
                               .direct = joined.direct}
                      .toJson());
        if (joined.reset)
            sendEvent(joined.reset->toJson());
        if (joined.gap)
            sendEvent(joined.gap->toJson());
    }
    if (joined.replayAfter && *joined.replayAfter >= joined.lastId) {
        // Nothing stored after the replay's start (an empty room, a client that missed nothing): no read. What is
        // stored from now on arrives live; a live copy of an earlier id is skipped as the replay would have.
        m_replayedUpTo = joined.lastId;
        m_sentUpTo = joined.lastId;
    } else if (joined.replayAfter) {
        // receive() drops live events until the replay has caught up, and skips live copies of what it sent.
        m_replayedUpTo = *joined.replayAfter;
        m_replayAfter = *joined.replayAfter;
        m_replayMessagesUpTo = joined.messagesUpTo;
        pumpHistory();
    }
    if (m_scope.kaiwaV1) {
        // With Redis the list may come later; typed room events that arrive meanwhile wait for it.
        m_service->presence(m_scope.room, [self = QPointer(this)](const PresenceEvent &presence) {
            if (self)
                self->onPresence(presence);
        });
    }
    m_connection->start();
}

void ChatConsumer::onPresence(const PresenceEvent &presence)
{
    if (m_presenceSent || !m_subscription)
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

QHostAddress ChatConsumer::address() const
{
    return m_connection ? m_connection->clientAddress() : QHostAddress();
}

void ChatConsumer::leave()
{
    m_subscription.reset();
}

void ChatConsumer::end(quint16 code, QByteArrayView reason)
{
    // Closing emits closing(), which leaves the room: nothing more is delivered or posted.
    if (m_connection) {
        m_service->commitPosts(); // what it sent before (and was taken) reaches the room, and it, first
        m_connection->close(code, reason);
    }
}

void ChatConsumer::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_paceTimer.timerId())
        return QObject::timerEvent(event);
    m_paceTimer.stop(); // a QBasicTimer repeats; the pump starts it again when the client still does not read
    pumpHistory();
}

void ChatConsumer::pumpHistory()
{
    // History is built only while the client reads what it was sent: at most one budget is queued when
    // the next answer (at most one budget, or one larger message) is added. One read at a time: an
    // answer that comes later starts the pump again.
    if (m_pumping)
        return;
    m_pumping = true;
    bool progressed = false;
    while (!m_historyReading && m_connection && m_connection->isOpen()
           && (m_replayAfter || !m_pendingPages.isEmpty())) {
        if (m_connection->bytesToWrite() > m_service->settings().historyBudgetBytes) {
            m_paceIntervalMs = progressed ? s_minPaceIntervalMs : std::min(m_paceIntervalMs * 2, s_maxPaceIntervalMs);
            m_paceTimer.start(m_paceIntervalMs, this);
            break;
        }
        progressed = true;
        m_historyReading = true;
        const QPointer self(this);
        if (m_replayAfter) {
            m_service->replay(m_scope.room, *m_replayAfter, m_replayMessagesUpTo,
                              [self](const HistoryReader::Answer &part) {
                                  if (self)
                                      self->onReplayPart(part);
                              });
        } else {
            const HistoryRequest request = m_pendingPages.takeFirst();
            m_service->historyPage(m_scope.room, request.before, request.limit, [self](const HistoryPageEvent &page) {
                if (self)
                    self->onHistoryPage(page);
            });
        }
    }
    m_pumping = false;
}

void ChatConsumer::historyReadDone()
{
    m_historyReading = false;
    if (!m_pumping)
        pumpHistory();
}

void ChatConsumer::onHistoryPage(const HistoryPageEvent &page)
{
    sendEvent(page.toJson());
    historyReadDone();
}

void ChatConsumer::onReplayPart(const HistoryReader::Answer &part)
{
    if (m_connection) {
        for (const HistoryReader::Entry &entry : part.entries) {
            if (entry.envelope.reaches(m_scope.kaiwaV1))
                m_connection->sendText(entry.envelope.payloadFor(m_scope.kaiwaV1));
            m_replayedUpTo = entry.envelope.messageId();
            m_sentUpTo = std::max(m_sentUpTo, m_replayedUpTo);
            sendDueAcks();
        }
    }
    m_replayAfter = m_replayedUpTo;
    if (!part.more)
        finishReplay();
    historyReadDone();
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
    // Only the room's moderation, settings and role events come without an id and an origin: a moderation event may
    // close this connection, whatever its kind (tutorial-only connections never see the event itself).
    if (envelope.messageId() == 0 && envelope.origin().isEmpty()) {
        if (const auto event = RoomModeration::parseEvent(envelope.payload())) {
            route(envelope);
            onModeration(*event);
            return;
        }
    }
    route(envelope);
    // During a replay a live chat message is dropped: the replay reads it from the store and counts it.
    if (!m_replayAfter && envelope.messageId() > m_sentUpTo) {
        m_sentUpTo = envelope.messageId();
        sendDueAcks();
    }
}

void ChatConsumer::route(const Envelope &envelope)
{
    if (!m_connection || !envelope.reaches(m_scope.kaiwaV1))
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
    m_connection->sendFrame(
        envelope.encoded([](const QByteArray &payload) { return WebSocketFrame::text(payload); }, m_scope.kaiwaV1));
}

bool ChatConsumer::admitFrame(const QString &clientId)
{
    if (m_rateLimiter.tryAcquire(monotonicMs()))
        return true;
    if (m_rateLimiter.consecutiveRejections() > m_service->settings().maxRejectionsBeforeClose) {
        qCInfo(lcConsumer) << "closing flooding client" << m_connection->clientAddress().toString() << "in"
                           << m_scope.room;
        end(CloseCode::policyViolation, "rate limit exceeded");
        return false;
    }
    sendError(ErrorCode::RateLimited, u"too many messages: this one was not delivered; slow down"_s, clientId);
    return false;
}

void ChatConsumer::onClosing(quint16)
{
    leave();
}

void ChatConsumer::onDisconnected()
{
    leave();
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
    if (!admitFrame(clientIdOf(request)))
        return;
    if (!request)
        request = parseClientRequest(utf8);
    std::visit([this](const auto &parsed) { handle(parsed); }, *request);
}

void ChatConsumer::onBinaryMessage(const QByteArray &)
{
    if (!admitFrame())
        return;
    sendError(ErrorCode::BinaryFrame, u"binary frames are not supported; send JSON text frames"_s);
}

void ChatConsumer::handle(const ChatSend &send)
{
    if (refuseIfMuted(send.clientId))
        return;
    ChatMessage message{0, m_scope.room, m_scope.user, {}, send.text, send.clientId, m_scope.verified};
    if (send.replyTo > 0)
        message.replyTo = ReplyQuote{.id = send.replyTo}; // the store fills in the quote
    m_service->post(message, actor().author, [self = QPointer(this), clientId = send.clientId](const auto &stored) {
        if (self)
            self->onPosted(clientId, stored);
    });
}

void ChatConsumer::onPosted(const QString &clientId, const std::optional<MessageStore::AppendResult> &stored)
{
    if (!stored) {
        sendError(ErrorCode::StoreFailed, u"the message could not be stored and was not delivered"_s, clientId);
        return;
    }
    if (stored->refusal != MessageStore::Refusal::None) {
        const qint64 target = stored->message.replyTo ? stored->message.replyTo->id : 0;
        if (stored->refusal == MessageStore::Refusal::DeletedTarget)
            sendError(ErrorCode::DeletedTarget, u"reply_to: message %1 was deleted"_s.arg(target), clientId);
        else
            sendError(ErrorCode::UnknownTarget, u"reply_to: this room has no message %1"_s.arg(target), clientId);
        return;
    }
    if (!clientId.isEmpty())
        acknowledge(AckEvent{stored->message.id, clientId, stored->duplicate});
    // The message is what they were typing: take the indicator down now rather than at its expiry.
    if (m_subscription && m_lastTypingMs != 0 && monotonicMs() - m_lastTypingMs < Protocol::typingExpiryMs) {
        m_lastTypingMs = 0;
        m_service->typing(m_scope.room, member(), 0);
    }
}

void ChatConsumer::acknowledge(const AckEvent &ack)
{
    if (!m_scope.kaiwaV1)
        return;
    // The ack follows the sender's own copy of the event (docs/protocol.md): it may still be on its way, in a
    // replay that reads it from the store, or held back by the Redis layer's sequencer while an earlier id is
    // filled in from the store.
    m_pendingAcks.append(ack);
    sendDueAcks();
}

ChatService::Actor ChatConsumer::actor() const
{
    return {m_scope.room, m_scope.user, m_scope.verified, authorKey(account(), m_memberId)};
}

ChatService::EventCallback ChatConsumer::eventDone(const QString &clientId)
{
    return [self = QPointer(this), clientId](const ChatService::EventOutcome &outcome) {
        if (self)
            self->onEventDone(clientId, outcome);
    };
}

void ChatConsumer::handle(const EditRequest &request)
{
    if (refuseIfMuted(request.clientId))
        return;
    m_service->edit(actor(), request, eventDone(request.clientId));
}

void ChatConsumer::handle(const DeleteRequest &request)
{
    m_service->remove(actor(), request, eventDone(request.clientId));
}

void ChatConsumer::handle(const ReactionRequest &request)
{
    if (refuseIfMuted(request.clientId))
        return;
    m_service->react(actor(), request, eventDone(request.clientId));
}

void ChatConsumer::handle(const RoomSetRequest &request)
{
    m_service->setRoom(actor(), request, eventDone(request.clientId));
}

void ChatConsumer::handle(const GrantRequest &request)
{
    m_service->grant(actor(), request, eventDone(request.clientId));
}

void ChatConsumer::handle(const RevokeRequest &request)
{
    m_service->revoke(actor(), request, eventDone(request.clientId));
}

void ChatConsumer::onEventDone(const QString &clientId, const ChatService::EventOutcome &outcome)
{
    if (outcome.error) {
        sendError(*outcome.error, outcome.detail, clientId);
        return;
    }
    if (!clientId.isEmpty())
        acknowledge(AckEvent{outcome.id, clientId, outcome.duplicate});
}

void ChatConsumer::sendDueAcks()
{
    // A duplicate's ack has no message of its own to wait for: it goes out once the acks before it did.
    while (!m_pendingAcks.isEmpty() && (m_pendingAcks.first().duplicate || m_pendingAcks.first().id <= m_sentUpTo))
        sendEvent(m_pendingAcks.takeFirst().toJson());
}

void ChatConsumer::handle(const TypingRequest &)
{
    // At most one relayed per interval; the rest are coalesced into it silently (not an error).
    const qint64 now = monotonicMs();
    if (m_lastTypingMs != 0 && now - m_lastTypingMs < Protocol::typingIntervalMs)
        return;
    // A muted member's typing would announce what it cannot post: dropped, like the coalesced ones.
    if (m_service->moderation().restriction(m_scope.room, RoomPolicyStore::Restriction::Kind::Mute, account(),
                                            address()))
        return;
    m_lastTypingMs = now;
    m_service->typing(m_scope.room, member(), Protocol::typingExpiryMs);
}

void ChatConsumer::handle(const ReadRequest &request)
{
    if (!m_scope.kaiwaV1) {
        sendError(ErrorCode::UnknownType, u"read markers need the kaiwa.v1 subprotocol"_s);
        return;
    }
    if (account().isEmpty()) {
        sendError(ErrorCode::SignInRequired, u"read markers are kept for signed-in accounts: sign in first"_s);
        return;
    }
    // What moved comes back as a read event through the account's group, to this connection too.
    m_service->markRead(account(), m_scope.room, request.id, [self = QPointer(this)](bool stored) {
        if (self && !stored)
            self->sendError(ErrorCode::StoreFailed, u"the read marker could not be stored"_s);
    });
}

void ChatConsumer::handle(const HistoryRequest &request)
{
    if (!m_scope.kaiwaV1) {
        sendError(ErrorCode::UnknownType, u"history requests need the kaiwa.v1 subprotocol"_s);
        return;
    }
    if (m_pendingPages.size() >= s_maxPendingPages) {
        qCInfo(lcConsumer) << "closing" << m_connection->clientAddress().toString() << "which asks for history"
                           << "without reading it";
        end(CloseCode::tryAgainLater, "slow reader: history requests wait for the client to read");
        return;
    }
    m_pendingPages.append(request);
    pumpHistory();
}

void ChatConsumer::handle(const ModerationRequest &request)
{
    m_service->moderation().act(
        {m_scope.room, account()}, request,
        [self = QPointer(this), clientId = request.clientId](const RoomModeration::Outcome &outcome) {
            if (!self)
                return;
            if (outcome.error)
                self->sendError(*outcome.error, outcome.detail, clientId);
            else if (!clientId.isEmpty())
                self->acknowledge(AckEvent{0, clientId, false});
        });
}

void ChatConsumer::onModeration(const ModerationEvent &event)
{
    const bool aboutMember = !event.memberId.isEmpty();
    const bool aboutThis = aboutMember ? event.memberId == m_memberId : !account().isEmpty() && event.user == account();
    if (!aboutThis || !m_connection)
        return;
    const bool kicked = event.action == moderationActionName(ModerationRequest::Action::Kick);
    const bool banned = event.action == moderationActionName(ModerationRequest::Action::Ban);
    const bool muted = event.action == moderationActionName(ModerationRequest::Action::Mute);
    // A member's kick, ban or mute is recorded by the daemon that knows its account or address: this one.
    if (aboutMember && (kicked || banned || muted) && !m_service->moderation().recordForMember(this, event))
        return;
    if (kicked || banned) {
        qCInfo(lcConsumer) << "closing" << m_memberId << "in" << m_scope.room << ":" << event.action << "by"
                           << event.by;
        end(banned ? Protocol::CloseCode::banned : Protocol::CloseCode::kicked,
            RoomModeration::closeReason(event.reason));
    }
}

bool ChatConsumer::refuseIfMuted(const QString &clientId)
{
    const auto mute = m_service->moderation().restriction(m_scope.room, RoomPolicyStore::Restriction::Kind::Mute,
                                                          account(), address());
    if (!mute)
        return false;
    sendError(ErrorCode::Muted,
              mute->until.isValid() ? u"a moderator muted you in this room until %1"_s.arg(IsoTime::format(mute->until))
                                    : u"a moderator muted you in this room"_s,
              clientId, mute->until);
    return true;
}

void ChatConsumer::handle(const ProtocolError &error)
{
    sendError(error.code, error.detail, error.clientId);
}

void ChatConsumer::sendError(ErrorCode code, const QString &detail, const QString &clientId, const QDateTime &until)
{
    if (Metrics *metrics = m_service->metrics())
        metrics->countError(errorCodeName(code));
    sendEvent(ErrorEvent{code, detail, clientId, until}.toJson());
}

void ChatConsumer::sendEvent(const QJsonObject &event)
{
    if (m_connection)
        m_connection->sendText(toWire(event));
}

} // namespace Kaiwa::Server
