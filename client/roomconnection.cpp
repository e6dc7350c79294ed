// SPDX-License-Identifier: MIT
#include "roomconnection.h"

#include "logging.h"
#include "signin.h"

#include "common/clientrequest.h"
#include "common/displayname.h"
#include "common/protocol.h"

#include <QNetworkRequest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

namespace Kaiwa::Client {

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

/// A link that stayed up this long counts as a success: the backoff starts over after it.
constexpr auto stableLinkTime = 5s;

/// The room's reasons to close a link (docs/protocol.md, "Close codes"), which retrying cannot undo.
RoomConnection::Removal removalOf(int closeCode)
{
    switch (closeCode) {
    case Protocol::CloseCode::kicked:
        return RoomConnection::Removal::Kicked;
    case Protocol::CloseCode::banned:
        return RoomConnection::Removal::Banned;
    case Protocol::CloseCode::roomUnavailable:
        return RoomConnection::Removal::Unavailable;
    default:
        break;
    }
    return RoomConnection::Removal::None;
}

} // namespace

void RoomConnection::SocketDeleter::operator()(QWebSocket *socket) const
{
    // Sockets are discarded from inside their own signals: delete them once those have returned.
    socket->deleteLater();
}

RoomConnection::RoomConnection(RoomAddress address, QObject *parent)
    : QObject(parent)
    , m_address(std::move(address))
{
    m_ownName = DisplayName::sanitize(m_address.name);
    if (m_ownName.isEmpty())
        m_ownName = u"anonymous"_s; // What the server relays for a missing name.

    m_retryTimer.setSingleShot(true);
    m_connectTimer.setSingleShot(true);
    m_pongTimer.setSingleShot(true);
    setTimeouts(m_timeouts);
    connect(&m_retryTimer, &QTimer::timeout, this, &RoomConnection::connectNow);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcConnection) << m_address.room << "handshake timed out";
        m_errorString = tr("The server did not answer in time.");
        if (m_socket)
            m_socket->abort();
    });
    connect(&m_pingTimer, &QTimer::timeout, this, &RoomConnection::onPingDue);
    connect(&m_pongTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcConnection) << m_address.room << "no pong: dropping the link";
        m_errorString = tr("The server stopped answering.");
        if (m_socket)
            m_socket->abort();
    });
}

RoomConnection::~RoomConnection()
{
    discardSocket();
}

void RoomConnection::setTimeouts(const Timeouts &timeouts)
{
    m_timeouts = timeouts;
    m_connectTimer.setInterval(timeouts.connect);
    m_pingTimer.setInterval(timeouts.pingInterval);
    m_pongTimer.setInterval(timeouts.pongTimeout);
}

void RoomConnection::open()
{
    m_wanted = true;
    if (m_state == ConnectionState::Disconnected || m_state == ConnectionState::WaitingToReconnect)
        connectNow();
}

void RoomConnection::close()
{
    m_wanted = false;
    m_retryTimer.stop();
    if (m_socket && m_socket->state() != QAbstractSocket::UnconnectedState) {
        // onLinkLost() follows through the socket's state change and settles the outbox.
        m_socket->close(QWebSocketProtocol::CloseCodeNormal);
        return;
    }
    discardSocket();
    setState(ConnectionState::Disconnected);
}

void RoomConnection::reconnectNow()
{
    m_wanted = true;
    if (m_state == ConnectionState::Connected || m_state == ConnectionState::Connecting)
        return;
    qCInfo(lcConnection) << m_address.room << "reconnecting at the user's request";
    connectNow();
}

void RoomConnection::setAccessToken(const QByteArray &token)
{
    if (token == m_accessToken)
        return;
    m_accessToken = token;
    // The handshake under way carries the old token (or none): a refusal of it would be about the wrong one.
    if (m_state == ConnectionState::Connecting)
        connectNow();
}

OutgoingMessage RoomConnection::sendMessage(const QString &text, const QString &clientId, qint64 replyTo)
{
    const OutgoingMessage message = m_outbox.add(text, clientId, replyTo);
    if (m_state == ConnectionState::Connected)
        writeMessage(message);
    return message;
}

template<typename Request>
bool RoomConnection::writeRequest(const Request &request)
{
    Q_ASSERT(!request.clientId.isEmpty());
    if (m_state != ConnectionState::Connected || !m_kaiwaProtocol || !m_socket)
        return false;
    m_requests.insert(request.clientId);
    m_socket->sendTextMessage(QString::fromUtf8(encodeClientRequest(request)));
    return true;
}

bool RoomConnection::sendRequest(const EditRequest &request)
{
    return writeRequest(request);
}

bool RoomConnection::sendRequest(const DeleteRequest &request)
{
    return writeRequest(request);
}

bool RoomConnection::sendRequest(const ReactionRequest &request)
{
    return writeRequest(request);
}

bool RoomConnection::sendRequest(const RoomSetRequest &request)
{
    return writeRequest(request);
}

bool RoomConnection::sendRequest(const GrantRequest &request)
{
    return writeRequest(request);
}

bool RoomConnection::sendRequest(const RevokeRequest &request)
{
    return writeRequest(request);
}

bool RoomConnection::sendRequest(const ModerationRequest &request)
{
    return writeRequest(request);
}

bool RoomConnection::requestHistory(qint64 before, int limit)
{
    if (m_state != ConnectionState::Connected || !m_kaiwaProtocol || m_historyRequestPending)
        return false;
    m_historyRequestPending = true;
    m_socket->sendTextMessage(QString::fromUtf8(encodeClientRequest(HistoryRequest{before, limit})));
    return true;
}

void RoomConnection::connectNow()
{
    m_retryTimer.stop();
    discardSocket();

    m_socket.reset(new QWebSocket);
    QWebSocket *socket = m_socket.get();
    connect(socket, &QWebSocket::connected, this, &RoomConnection::onConnected);
    connect(socket, &QWebSocket::stateChanged, this, [this](QAbstractSocket::SocketState socketState) {
        if (socketState == QAbstractSocket::UnconnectedState)
            onLinkLost();
    });
    connect(socket, &QWebSocket::textMessageReceived, this, &RoomConnection::onTextMessage);
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, socket](QAbstractSocket::SocketError error) {
                qCInfo(lcConnection) << m_address.room << "socket error" << error << socket->errorString();
                if (m_certificateFailed)
                    return; // the certificate explains more than "remote host closed"
                m_errorString = socket->errorString();
                // Qt 6.4 reports a refused handshake only in the text: "...status code: 401 (Unauthorized)."
                if (socket->errorString().contains("status code: 401"_L1)) {
                    m_authenticationFailed = true;
                    m_errorString = m_accessToken.isEmpty()
                                        ? tr("This server requires signing in.")
                                        : tr("Your sign-in has expired or was ended; sign in again.");
                } else if (socket->errorString().contains("status code: 403"_L1)) {
                    // The room refuses this account or address: a ban (docs/protocol.md). Retrying would loop.
                    m_removal = Removal::Banned;
                    m_errorString = u"refused: banned (403)"_s; // worded by Room
                } else if (socket->errorString().contains("status code: 404"_L1)) {
                    // Retrying cannot make a wrong address right: say what to check, once, and wait for the user.
                    m_notFound = true;
                    m_errorString = tr("There is no chat room at this address (the server answered “404 Not "
                                       "Found”). Check the server address: it is the one you open in a browser, "
                                       "such as http://localhost:8000/chat/.");
                }
                // A refused handshake leaves the TCP connection open until the server's idle timeout:
                // drop it now (queued: not from inside the socket's own signal).
                if (m_state == ConnectionState::Connecting)
                    QMetaObject::invokeMethod(socket, &QWebSocket::abort, Qt::QueuedConnection);
            });
    connect(socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Never ignored: the handshake fails, and the reason stays visible until the user acts.
        m_certificateFailed = true;
        m_errorString = tr("The server's certificate is not trusted:\n%1").arg(describeCertificateErrors(errors));
        qCWarning(lcConnection) << m_address.room << "TLS certificate not trusted:" << errors;
        Q_EMIT certificateErrors(errors);
    });
    connect(socket, &QWebSocket::pong, this, [this] { m_pongTimer.stop(); });

    QWebSocketHandshakeOptions options;
    options.setSubprotocols({Protocol::subprotocol});
    m_linkSince = m_lastSeenId;
    m_authenticationFailed = false;
    m_notFound = false;
    m_certificateFailed = false;
    m_removal = Removal::None;
    m_removalReason.clear();
    const QUrl url = m_address.webSocketUrl(m_linkSince, m_epoch);
    qCInfo(lcConnection) << "connecting to" << url.toString(QUrl::FullyEncoded);
    setState(ConnectionState::Connecting);
    m_connectTimer.start();
    QNetworkRequest request(url);
    if (!m_accessToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_accessToken);
    socket->open(request, options);
}

void RoomConnection::discardSocket()
{
    if (!m_socket)
        return;
    disconnect(m_socket.get(), nullptr, this, nullptr);
    m_socket->abort();
    m_socket.reset();
}

void RoomConnection::setState(ConnectionState state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void RoomConnection::scheduleRetry()
{
    const auto delay = m_backoff.next();
    qCInfo(lcConnection) << m_address.room << "next attempt in" << delay.count() << "ms";
    m_retryDeadline = QDeadlineTimer(delay);
    m_retryTimer.start(delay);
    setState(ConnectionState::WaitingToReconnect);
}

void RoomConnection::onConnected()
{
    m_connectTimer.stop();
    m_linkUptime.start();
    m_errorString.clear();
    m_welcomeLastId = 0;
    m_kaiwaProtocol = m_socket->subprotocol() == Protocol::subprotocol;
    qCInfo(lcConnection) << m_address.room << "connected" << (m_kaiwaProtocol ? "(kaiwa.v1)" : "(tutorial protocol)");
    m_pingTimer.start();
    setState(ConnectionState::Connected);
    flushOutbox();
}

void RoomConnection::onLinkLost()
{
    m_connectTimer.stop();
    m_pingTimer.stop();
    m_pongTimer.stop();
    m_historyRequestPending = false;
    m_requests.clear(); // their answers went with the link; the events, if stored, come with `since`

    const bool wasConnected = m_state == ConnectionState::Connected;
    if (wasConnected) {
        // A close frame explains more than the socket error that follows it.
        const auto closeCode = m_socket ? m_socket->closeCode() : QWebSocketProtocol::CloseCodeNormal;
        m_removal = removalOf(int(closeCode));
        // A removal is worded by Room (with the moderation frame that came before); this is for the log.
        if (m_removal != Removal::None) {
            m_removalReason = m_socket->closeReason();
            m_errorString = u"closed by the room (code %1)"_s.arg(int(closeCode));
        } else if (closeCode == QWebSocketProtocol::CloseCodeGoingAway)
            m_errorString = tr("The server is shutting down or restarting.");
        else if (closeCode != QWebSocketProtocol::CloseCodeNormal)
            m_errorString = tr("The server closed the connection (code %1).").arg(int(closeCode));
        if (m_linkUptime.elapsed() >= std::chrono::milliseconds(stableLinkTime).count())
            m_backoff.reset();
        if (m_kaiwaProtocol) {
            m_outbox.markAllUnwritten();
        } else {
            const QStringList dropped = m_outbox.dropWritten();
            for (const QString &clientId : dropped)
                Q_EMIT messageUnconfirmed(clientId);
        }
    }
    qCInfo(lcConnection) << m_address.room << "link lost:" << m_errorString;
    discardSocket();
    if (m_wanted && needsUserAction()) {
        // Retrying cannot help: wait for a sign-in or for the user to trust the server, then reconnectNow().
        setState(ConnectionState::Disconnected);
        if (m_authenticationFailed)
            Q_EMIT authenticationRequired();
    } else if (m_wanted) {
        scheduleRetry();
    } else {
        setState(ConnectionState::Disconnected);
    }
}

void RoomConnection::onPingDue()
{
    if (!m_socket || m_pongTimer.isActive())
        return;
    m_socket->ping();
    m_pongTimer.start();
}

void RoomConnection::flushOutbox()
{
    const QList<OutgoingMessage> messages = m_outbox.messages();
    for (const OutgoingMessage &message : messages) {
        if (!message.written)
            writeMessage(message);
    }
}

bool RoomConnection::sendTyping()
{
    if (m_state != ConnectionState::Connected || !m_kaiwaProtocol || !m_socket)
        return false;
    m_socket->sendTextMessage(QString::fromUtf8(encodeClientRequest(TypingRequest{})));
    return true;
}

bool RoomConnection::sendRead(qint64 id)
{
    if (m_state != ConnectionState::Connected || !m_kaiwaProtocol || !m_socket)
        return false;
    m_socket->sendTextMessage(QString::fromUtf8(encodeClientRequest(ReadRequest{id})));
    return true;
}

void RoomConnection::writeMessage(const OutgoingMessage &message)
{
    // Tutorial servers ignore "client_id"; kaiwa-server deduplicates with it.
    m_socket->sendTextMessage(
        QString::fromUtf8(encodeClientRequest(ChatSend{message.text, message.clientId, message.replyTo})));
    m_outbox.markWritten(message.clientId);
}

void RoomConnection::onTextMessage(const QString &text)
{
    const std::optional<ServerEvent> event = parseServerEvent(text.toUtf8());
    if (!event) {
        qCWarning(lcConnection) << m_address.room << "ignoring a frame that is not a JSON object";
        return;
    }
    if (const auto *message = std::get_if<ChatMessage>(&*event)) {
        onChatMessage(*message);
    } else if (const auto *ack = std::get_if<AckEvent>(&*event)) {
        onAck(*ack);
    } else if (const auto *error = std::get_if<ErrorEvent>(&*event)) {
        onError(*error);
    } else if (const auto *page = std::get_if<HistoryPageEvent>(&*event)) {
        m_historyRequestPending = false;
        Q_EMIT historyReceived(*page);
    } else if (const auto *gap = std::get_if<HistoryGapEvent>(&*event)) {
        Q_EMIT historyGap(*gap);
    } else if (const auto *edit = std::get_if<ChatEditEvent>(&*event)) {
        if (isNewEvent(edit->id))
            Q_EMIT edited(*edit);
    } else if (const auto *deletion = std::get_if<ChatDeleteEvent>(&*event)) {
        if (isNewEvent(deletion->id))
            Q_EMIT deleted(*deletion);
    } else if (const auto *reaction = std::get_if<ChatReactionEvent>(&*event)) {
        if (isNewEvent(reaction->id))
            Q_EMIT reacted(*reaction);
    } else if (const auto *welcome = std::get_if<WelcomeEvent>(&*event)) {
        m_welcomeLastId = welcome->lastId;
        if (!m_lastSeenId)
            m_lastSeenId = 0; // From now on a reconnect can ask for what it missed.
        m_epoch = welcome->epoch;
        Q_EMIT welcomed(*welcome);
    } else if (const auto *reset = std::get_if<HistoryResetEvent>(&*event)) {
        qCInfo(lcConnection) << m_address.room << "the server's history is another one now: starting over";
        // Nothing of the new history was seen; what follows is its latest part, as on a first join.
        m_epoch = reset->epoch;
        m_lastSeenId = 0;
        m_linkSince.reset();
        m_welcomeLastId = reset->lastId;
        Q_EMIT historyReset(*reset);
    } else if (const auto *presence = std::get_if<PresenceEvent>(&*event)) {
        Q_EMIT presenceReceived(*presence);
    } else if (const auto *joined = std::get_if<MemberJoinedEvent>(&*event)) {
        Q_EMIT memberJoined(joined->member);
    } else if (const auto *left = std::get_if<MemberLeftEvent>(&*event)) {
        Q_EMIT memberLeft(left->member);
    } else if (const auto *read = std::get_if<ReadEvent>(&*event)) {
        Q_EMIT readReceived(*read);
    } else if (const auto *typing = std::get_if<TypingEvent>(&*event)) {
        Q_EMIT typingReceived(typing->member, typing->expiresInMs);
    } else if (const auto *settings = std::get_if<RoomSettingsEvent>(&*event)) {
        Q_EMIT roomSettingsReceived(*settings);
    } else if (const auto *role = std::get_if<RoomRoleEvent>(&*event)) {
        Q_EMIT roomRoleReceived(*role);
    } else if (const auto *moderation = std::get_if<ModerationEvent>(&*event)) {
        Q_EMIT moderationReceived(*moderation);
    } else if (const auto *unknown = std::get_if<UnknownEvent>(&*event)) {
        qCDebug(lcConnection) << m_address.room << "ignoring event type" << unknown->type;
    }
}

void RoomConnection::onChatMessage(ChatMessage message)
{
    MessageOrigin origin = MessageOrigin::Live;
    if (message.id > 0) {
        if (m_lastSeenId && message.id <= *m_lastSeenId && !m_outbox.contains(message.clientId)) {
            qCDebug(lcConnection) << m_address.room << "dropping already seen message" << message.id;
            return;
        }
        m_lastSeenId = std::max(m_lastSeenId.value_or(0), message.id);
        if (message.id <= m_welcomeLastId)
            origin = m_linkSince ? MessageOrigin::Recovered : MessageOrigin::Backlog;
    }
    if (!message.time.isValid())
        message.time = QDateTime::currentDateTimeUtc(); // Tutorial servers send no time.

    std::optional<OutgoingMessage> own;
    if (!message.clientId.isEmpty())
        own = m_outbox.take(message.clientId);
    else if (!m_kaiwaProtocol)
        own = m_outbox.takeEcho(message.text);
    if (own) {
        message.clientId = own->clientId;
        if (message.user.isEmpty())
            message.user = m_ownName;
    }
    Q_EMIT messageReceived(message, origin);
    if (own)
        Q_EMIT messageDelivered(own->clientId, message.id);
}

bool RoomConnection::isNewEvent(qint64 id)
{
    if (id <= 0)
        return true;
    if (m_lastSeenId && id <= *m_lastSeenId) {
        qCDebug(lcConnection) << m_address.room << "dropping already seen event" << id;
        return false;
    }
    m_lastSeenId = id;
    return true;
}

void RoomConnection::onAck(const AckEvent &ack)
{
    if (m_requests.remove(ack.clientId))
        return; // the event itself (sent before the ack) did what there was to do
    // Not a reason to advance m_lastSeenId: a duplicate ack can overtake the replay of older messages.
    // The echo usually took the message out already; an ack alone confirms a duplicate.
    if (m_outbox.take(ack.clientId) || ack.duplicate)
        Q_EMIT messageDelivered(ack.clientId, ack.id);
}

void RoomConnection::onError(const ErrorEvent &error)
{
    qCInfo(lcConnection) << m_address.room << "server error" << errorCodeName(error.code) << error.detail;
    if (!error.clientId.isEmpty() && m_requests.remove(error.clientId)) {
        Q_EMIT requestRefused(error);
        return;
    }
    if (!error.clientId.isEmpty() && m_outbox.take(error.clientId)) {
        Q_EMIT messageRejected(error.clientId, error);
        return;
    }
    Q_EMIT serverError(error);
}

} // namespace Kaiwa::Client
