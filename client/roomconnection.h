// SPDX-License-Identifier: MIT
#pragma once

#include "connectionstate.h"
#include "outbox.h"
#include "reconnectbackoff.h"
#include "roomaddress.h"

#include "common/clientrequest.h"
#include "common/serverevent.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QSslError>
#include <QTimer>

#include <memory>
#include <optional>

class QWebSocket;

namespace Kaiwa::Client {

/**
 * The link to one chat room: a WebSocket that comes back by itself.
 *
 * Once open() is called the connection keeps trying until close(): after a lost link or a failed
 * attempt it waits (exponential backoff with jitter, see ReconnectBackoff) and tries again;
 * reconnectNow() skips the wait. It asks for the kaiwa.v1 subprotocol and falls back to the plain
 * tutorial protocol when the server does not agree.
 *
 * Sending goes through an Outbox: sendMessage() queues the text under a client id and writes it when
 * the link is up. With kaiwa.v1 a message counts as delivered on its echo or ack; unconfirmed ones
 * are written again after a reconnect, and the server's client-id deduplication makes that safe.
 * On reconnect the connection asks for `?since=<last id seen>&epoch=<the welcome's epoch>` so it receives
 * exactly what it missed, or, when the server's history is another one now, history.reset and the latest.
 *
 * Edits, deletes and reactions (sendRequest()) are written only while a kaiwa.v1 link is up; they are not
 * queued (an edit made offline would be applied to a text the user no longer sees). Refusals of them come
 * back through requestRefused().
 *
 * Limitation with tutorial-only servers (no ids, no acks): a message counts as delivered when an
 * echo with the same text arrives; a written message whose echo was lost with the link is reported
 * through messageUnconfirmed() and not written again (it may or may not have reached the room).
 * Missed messages cannot be recovered there either.
 *
 * No widgets: usable and testable without a window. Each Room owns one and shows what the views need
 * of it; the views never reach the connection itself.
 */
class RoomConnection : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Kaiwa::Client::ConnectionState state READ state NOTIFY stateChanged)

public:
    /// Where a received chat message comes from.
    enum class MessageOrigin {
        Live,      ///< Sent after this client joined.
        Backlog,   ///< The room's latest messages, replayed on the first join.
        Recovered, ///< Missed while the link was down, replayed through `since`.
    };
    Q_ENUM(MessageOrigin)

    /**
     * The server closed the link for a reason of the room (docs/protocol.md, "Rooms with owners"): retrying
     * cannot undo it, so the connection waits for reconnectNow() (after a kick the user may rejoin).
     */
    enum class Removal {
        None,
        Kicked,      ///< 4010: a moderator closed the connection; it may come back.
        Banned,      ///< 4011: refused until the ban expires or is lifted.
        Unavailable, ///< 4012: the account lost access to the private room.
    };
    Q_ENUM(Removal)

    /// Timers of the link; the defaults suit people, tests may shorten them.
    struct Timeouts {
        std::chrono::milliseconds connect{15000};      ///< Give up a handshake after this.
        std::chrono::milliseconds pingInterval{20000}; ///< Keepalive ping while connected.
        std::chrono::milliseconds pongTimeout{10000};  ///< Drop the link when no pong comes back.
    };

    explicit RoomConnection(RoomAddress address, QObject *parent = nullptr);
    ~RoomConnection() override;

    const RoomAddress &address() const { return m_address; }
    ConnectionState state() const { return m_state; }
    /// True when the current (or last) link negotiated kaiwa.v1.
    bool isKaiwaProtocol() const { return m_kaiwaProtocol; }
    /// The newest event id seen (messages, edits, deletes, reactions); nothing until a kaiwa.v1 server has welcomed us.
    std::optional<qint64> lastSeenId() const { return m_lastSeenId; }
    /// The epoch of the history lastSeenId() belongs to (from the welcome); empty from older servers.
    QString epoch() const { return m_epoch; }
    /// Events up to this id are replays on the current link: the messages replayed hold them already.
    qint64 replayedUpTo() const { return m_welcomeLastId; }
    /// Why the last link was lost or the last attempt failed; empty while all is well.
    QString errorString() const { return m_errorString; }
    /// When the next attempt is due (in WaitingToReconnect).
    QDeadlineTimer retryDeadline() const { return m_retryDeadline; }
    const Outbox &outbox() const { return m_outbox; }

    /**
     * The session token from SignIn, sent as `Authorization: Bearer` from the next attempt on (empty:
     * none); an attempt under way starts again with it. Servers with --require-login refuse upgrades
     * without one (authenticationRequired()).
     */
    void setAccessToken(const QByteArray &token);
    QByteArray accessToken() const { return m_accessToken; }
    /**
     * The last attempt failed for a reason retrying cannot fix (401, no room at this address: 404, an
     * untrusted certificate): no more tries until reconnectNow().
     */
    bool needsUserAction() const
    {
        return m_authenticationFailed || m_notFound || m_certificateFailed || m_removal != Removal::None;
    }
    /// Why the server closed the last link, when it was the room's decision (a kick, a ban, a lost room).
    Removal removal() const { return m_removal; }
    /// The close frame's reason of such a removal (the moderator's reason); empty when none was given.
    QString removalReason() const { return m_removalReason; }

    void setBackoff(const ReconnectBackoff &backoff) { m_backoff = backoff; }
    void setTimeouts(const Timeouts &timeouts);

    /**
     * Queues a message and writes it at once when connected; returns it with its client id (`clientId`,
     * or a new UUID when empty). The text is one Room::checkText() lets through: the rule of what can be
     * sent lives there.
     */
    OutgoingMessage sendMessage(const QString &text, const QString &clientId = {}, qint64 replyTo = 0);

    /**
     * Writes an edit, delete or reaction request now (kaiwa.v1 only; false when not connected). Its
     * `clientId` must be set: the ack or the refusal (requestRefused()) names it.
     */
    bool sendRequest(const Kaiwa::EditRequest &request);
    bool sendRequest(const Kaiwa::DeleteRequest &request);
    bool sendRequest(const Kaiwa::ReactionRequest &request);
    /// An owner's and a moderator's requests (docs/protocol.md, "Rooms with owners"); answered like the others.
    bool sendRequest(const Kaiwa::RoomSetRequest &request);
    bool sendRequest(const Kaiwa::GrantRequest &request);
    bool sendRequest(const Kaiwa::RevokeRequest &request);
    bool sendRequest(const Kaiwa::ModerationRequest &request);

    /**
     * Asks for up to `limit` messages older than `before` (kaiwa.v1 only; answered by historyReceived()).
     * Returns false when not connected, not kaiwa.v1, or a request is already on its way.
     */
    bool requestHistory(qint64 before, int limit = 50);

    /// Tells the room the user is typing (kaiwa.v1 only; the caller throttles). False when not sent.
    bool sendTyping();
    /// Tells the server the signed-in account read the room up to `id` (kaiwa.v1 only; the caller throttles).
    bool sendRead(qint64 id);

public Q_SLOTS:
    /// Starts connecting; from now on the connection retries by itself until close().
    void open();
    /// Closes the link normally and stops retrying. Queued messages stay in the outbox.
    void close();
    /// Tries again at once (after a lost link) or reopens (when closed).
    void reconnectNow();

Q_SIGNALS:
    void stateChanged(Kaiwa::Client::ConnectionState state);
    /// kaiwa.v1: the server's first frame.
    void welcomed(const Kaiwa::WelcomeEvent &welcome);
    /// A chat message; own echoes carry the client id of the outbox message they confirm.
    void messageReceived(const Kaiwa::ChatMessage &message, Kaiwa::Client::RoomConnection::MessageOrigin origin);
    /// The server stored an outbox message (`id` is 0 on tutorial servers).
    void messageDelivered(const QString &clientId, qint64 id);
    /// Tutorial servers: the link was lost before the echo came; the message is not written again.
    void messageUnconfirmed(const QString &clientId);
    /// The server refused an outbox message (rate limit, store failure); it is not written again.
    void messageRejected(const QString &clientId, const Kaiwa::ErrorEvent &error);
    void historyReceived(const Kaiwa::HistoryPageEvent &page);
    /// The server's history is not the one the client held (reset, or restored from a backup): drop it;
    /// the latest messages follow as on a first join.
    void historyReset(const Kaiwa::HistoryResetEvent &reset);
    void edited(const Kaiwa::ChatEditEvent &edit);
    void deleted(const Kaiwa::ChatDeleteEvent &deletion);
    void reacted(const Kaiwa::ChatReactionEvent &reaction);
    /// The room's topic or visibility changed.
    void roomSettingsReceived(const Kaiwa::RoomSettingsEvent &settings);
    /// An account's role in the room changed.
    void roomRoleReceived(const Kaiwa::RoomRoleEvent &role);
    /// A moderator kicked, banned, muted (or lifted a ban or mute of) someone in the room, maybe this connection.
    void moderationReceived(const Kaiwa::ModerationEvent &moderation);
    /// The server refused an edit, delete or reaction of sendRequest().
    void requestRefused(const Kaiwa::ErrorEvent &error);
    /// After a reconnect: messages between `since` and `firstAvailable` are gone from the server.
    void historyGap(const Kaiwa::HistoryGapEvent &gap);
    /// An error event not tied to one of our messages (the link stays open).
    void serverError(const Kaiwa::ErrorEvent &error);
    /// kaiwa.v1: everyone in the room, once per link after the welcome.
    void presenceReceived(const Kaiwa::PresenceEvent &presence);
    void memberJoined(const Kaiwa::Member &member);
    void memberLeft(const Kaiwa::Member &member);
    /// The account's read marker moved (read on this or another of its connections), in any room.
    void readReceived(const Kaiwa::ReadEvent &read);
    /// Someone else is typing (expiresInMs > 0) or stopped (0).
    void typingReceived(const Kaiwa::Member &member, int expiresInMs);
    /// The server refused the upgrade with 401: sign in (SignIn), setAccessToken(), reconnectNow().
    void authenticationRequired();
    /// The server's TLS certificate is not trusted. The errors are never ignored; errorString() says why.
    void certificateErrors(const QList<QSslError> &errors);

private:
    struct SocketDeleter {
        void operator()(QWebSocket *socket) const;
    };

    void connectNow();
    void setState(ConnectionState state);
    void scheduleRetry();
    void discardSocket();
    void flushOutbox();
    void writeMessage(const OutgoingMessage &message);

    void onConnected();
    void onLinkLost();
    void onTextMessage(const QString &text);
    void onChatMessage(Kaiwa::ChatMessage message);
    void onAck(const Kaiwa::AckEvent &ack);
    void onError(const Kaiwa::ErrorEvent &error);
    void onPingDue();
    /// Whether an event with this id is new on this link (and notes it seen); replays seen before are not.
    bool isNewEvent(qint64 id);
    template<typename Request>
    bool writeRequest(const Request &request);

    RoomAddress m_address;
    std::unique_ptr<QWebSocket, SocketDeleter> m_socket;
    ConnectionState m_state = ConnectionState::Disconnected;
    bool m_wanted = false; ///< open() was called and close() was not.
    bool m_kaiwaProtocol = false;
    bool m_historyRequestPending = false;
    QString m_ownName;
    QString m_errorString;
    QByteArray m_accessToken;
    bool m_authenticationFailed = false;
    bool m_notFound = false; ///< The upgrade got 404: the address is not a kaiwa-server or Channels chat.
    bool m_certificateFailed = false;
    Removal m_removal = Removal::None;
    QString m_removalReason;

    std::optional<qint64> m_lastSeenId;
    QString m_epoch;                   ///< Of the history m_lastSeenId belongs to.
    QSet<QString> m_requests;          ///< Client ids of edits, deletes and reactions not answered yet.
    std::optional<qint64> m_linkSince; ///< The `since` this link was opened with.
    qint64 m_welcomeLastId = 0;        ///< Ids up to this one are replays on the current link.

    Outbox m_outbox;
    ReconnectBackoff m_backoff;
    Timeouts m_timeouts;
    QTimer m_retryTimer;
    QTimer m_connectTimer;
    QTimer m_pingTimer;
    QTimer m_pongTimer;
    QDeadlineTimer m_retryDeadline;
    QElapsedTimer m_linkUptime;
};

} // namespace Kaiwa::Client
