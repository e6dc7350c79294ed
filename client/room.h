// SPDX-License-Identifier: MIT
#pragma once

#include "connectionstate.h"
#include "ownmessagekey.h"
#include "readmarker.h"
#include "roomaddress.h"

#include "common/clientrequest.h"
#include "common/serverevent.h"

#include <QDeadlineTimer>
#include <QObject>

#include <optional>

namespace Kaiwa::Client {

class ChatLogModel;
class MemberListModel;
class ReadMarker;
class ReconnectBackoff;
class RoomConnection;
class RoomSettings;
class TypingTracker;

/**
 * One open room: its link to the server, its chat log, who is in it, and what the user has not read
 * yet. Views show these and forward intents (send(), edit(), remove(), react(), loadOlderHistory(),
 * setInView(), reconnectNow()); the link itself (RoomConnection) stays inside: what the views need of it is
 * said here. What the server refuses of an edit, delete or reaction is said in words by actionRefused().
 *
 * A room usually belongs to the Session of its server, which opens it and signs it in.
 */
class Room : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int unreadCount READ unreadCount NOTIFY unreadCountChanged)
    Q_PROPERTY(Kaiwa::Client::ConnectionState connectionState READ connectionState NOTIFY connectionStateChanged)

public:
    /// What can be sent: the one rule of the message box, send() and every later way of writing text.
    enum class TextCheck {
        Sendable, ///< send() puts it in the outbox: written now or when the link is back.
        Empty,    ///< Nothing but white space.
        TooLong,  ///< Over maxMessageBytes in UTF-8.
    };
    Q_ENUM(TextCheck)

    /// Which live messages of others notify the user (remembered per room in ClientSettings).
    enum class NotificationLevel {
        All,      ///< Every message that arrives while the room is not in view.
        Mentions, ///< Only those that mention the user (`@name`).
        None,     ///< Nothing.
    };
    Q_ENUM(NotificationLevel)

    /// Largest text that can be sent: the server's frame limit minus room for the JSON around it.
    static constexpr qsizetype maxMessageBytes = 60 * 1024;
    static TextCheck checkText(const QString &text);

    /**
     * Opens the connection right away, with `accessToken` (the Session's sign-in token, empty when
     * there is none) from the first attempt on. Messages are sent with client ids made by `ownKey`, and
     * messages whose ids it recognises are the user's own, however old (OwnMessageKey).
     */
    explicit Room(RoomAddress address, const QByteArray &accessToken = {}, OwnMessageKey ownKey = {},
                  QObject *parent = nullptr);
    ~Room() override;

    const RoomAddress &address() const;
    ChatLogModel *log() const { return m_log; }
    /// Who is in the room (kaiwa.v1 servers; empty while disconnected).
    MemberListModel *members() const { return m_members; }
    /// Who else is typing.
    TypingTracker *typing() const { return m_typing; }
    /// The room's topic, visibility, direct account and the user's role in it.
    RoomSettings *settings() const { return m_settings; }
    /// What people read for the room: its name, or "@bob" for the direct messages with bob.
    QString title() const { return address().title(); }
    /// The room's name on the server (search, read markers): `dm.…` for direct messages once welcomed.
    QString serverRoomName() const;
    /// This link's member id (from the welcome): the user's own entry of the member list.
    QString ownMemberId() const { return m_ownMemberId; }

    /// The user edited the message box: tells the room, at most once per 2 s.
    void noteTyping();

    /**
     * Queues the text when checkText() lets it through (shown pending in the log, with the quote of the
     * message it answers when `replyTo` is not 0); returns that check.
     */
    TextCheck send(const QString &text, qint64 replyTo = 0);

    /**
     * Asks the server to replace the text of the user's message `id` (kaiwa.v1, connected). False when the
     * text cannot be sent (checkText()) or the link is down (actionRefused() says so); the log changes when
     * the server's chat.edit comes back.
     */
    bool edit(qint64 id, const QString &text);
    /// Asks the server to delete the user's message `id`; false when the link is down.
    bool remove(qint64 id);
    /// Adds (or, `add` false, takes back) the user's reaction `emoji` to the message `id`.
    bool react(qint64 id, const QString &emoji, bool add);
    /// Takes the user's `emoji` off the message when it is there, else puts it there.
    bool toggleReaction(qint64 id, const QString &emoji);
    /**
     * An owner's changes (docs/protocol.md, "Rooms with owners"): the topic and the visibility (either or both),
     * an account's role, taking it away. The room.settings and room.role events that follow change settings();
     * a refusal is said by actionRefused(). False when the link is down.
     */
    bool changeSettings(const std::optional<QString> &topic, const std::optional<bool> &isPrivate);
    bool grant(const QString &account, Kaiwa::RoomRole role);
    bool revoke(const QString &account);
    /// A moderator's kick, ban, mute, unban or unmute of a member (its member id) or an account.
    bool moderate(Kaiwa::ModerationRequest request);
    /// Edits, deletes and reactions are possible: a kaiwa.v1 server (tutorial servers know none of them).
    bool supportsConversations() const;

    /// Whether the message addresses the user (`@` the display name or the account).
    bool mentionsYou(const Kaiwa::ChatMessage &message) const;
    NotificationLevel notificationLevel() const { return m_notificationLevel; }
    void setNotificationLevel(NotificationLevel level) { m_notificationLevel = level; }
    /// Whether a live message of someone else should notify, by the room's level (a mention always may).
    bool shouldNotify(const Kaiwa::ChatMessage &message) const;
    /// What a refusal of an edit, delete or reaction means, in words.
    static QString refusalText(const Kaiwa::ErrorEvent &error);

    /**
     * Whether a message is the user's own: sent by this client (its client id, OwnMessageKey), now or
     * before a restart, or by the account this room is signed in to, from any device (`verified` and
     * that account's name).
     */
    bool isOwn(const Kaiwa::ChatMessage &message) const;
    /// The account this room's link is signed in to; empty when anonymous.
    QString signedInAccount() const { return m_account; }

    /**
     * What the user has not read. Signed in to a server that keeps read markers: the messages of others after
     * the account's marker, from whatever device it read on (ReadMarker). Otherwise: the messages from others
     * that arrived while the room was not in view.
     */
    int unreadCount() const { return m_unreadCount; }
    /// Those of them that mention the user (signed in only; 0 otherwise).
    int mentionCount() const { return m_mentionCount; }
    /// The account's read marker here, once the server said it (signed in, kaiwa-server with read markers).
    std::optional<qint64> readMarker() const { return m_readMarker->marker(); }
    /// The read marker's state: what was reported, whether a report waits (for tests and diagnostics).
    const ReadMarker &readState() const { return *m_readMarker; }
    /// What `/api/rooms` counted for this room (Session hands it over); taken when signed in.
    void setDirectoryCounts(const ReadMarker::DirectoryCounts &counts);

    bool isInView() const { return m_inView; }
    /**
     * The window tells whether the room is the one on screen in a focused window. Coming into view puts the
     * "new messages" divider at what was read (ChatLogModel::setNewMessagesAfter()); anonymous, being in
     * view marks everything read.
     */
    void setInView(bool inView);
    /**
     * The view tells whether the newest message is on screen (the log at its bottom). In view with it on
     * screen, a signed-in room tells the server what was read (at most once per Protocol::readIntervalMs).
     */
    void setNewestOnScreen(bool onScreen);

    /**
     * Connected, and what the server replays on joining (the latest messages, or those missed) is in the
     * log: the server's presence, which follows the replay, has come on this link (kaiwa.v1 only).
     */
    bool isCaughtUp() const { return m_caughtUp; }

    /// kaiwa.v1 only: older messages exist on the server that are not in the log yet.
    bool hasMoreHistory() const;
    /// Asks for the page before the oldest message in the log; false when nothing was asked.
    bool loadOlderHistory(int limit = 50);

    ConnectionState connectionState() const;
    /// True when the current (or last) link speaks kaiwa.v1; false on tutorial-only servers.
    bool isKaiwaProtocol() const;
    /// Why the last link was lost or the last attempt failed; empty while all is well.
    QString errorString() const;
    /// When the next attempt is due (in ConnectionState::WaitingToReconnect).
    QDeadlineTimer retryDeadline() const;
    /// Nothing retries by itself until the user acts: a refused sign-in, an untrusted certificate, a kick or a ban.
    bool needsUserAction() const;
    /// Whether the server closed the room's link for a reason of the room (a kick, a ban, a lost private room).
    bool wasKicked() const;
    bool isRemoved() const;
    /// How long to wait between attempts; the default suits people, tests shorten it.
    void setReconnectBackoff(const ReconnectBackoff &backoff);

    /// The sign-in token the server gets from the next attempt on; an attempt under way starts again with it.
    void setAccessToken(const QByteArray &token);
    QByteArray accessToken() const;

public Q_SLOTS:
    /// Tries again at once instead of waiting, or reopens a room that waits for the user.
    void reconnectNow();
    /// Leaves the room: closes the link normally, and nothing reconnects until reconnectNow().
    void close();

Q_SIGNALS:
    void unreadCountChanged(int count);
    void connectionStateChanged(Kaiwa::Client::ConnectionState state);
    /// A live message from someone else (for notifications).
    void messageArrived(const Kaiwa::ChatMessage &message);
    /// The server refused the room (401) with accessToken(), or without one: its Session answers.
    void authenticationRequired();
    /// isCaughtUp() became true.
    void caughtUp();
    /// A page of older history arrived (maybe empty: then hasMoreHistory() is false).
    void historyLoaded();
    /// An edit, delete or reaction was not done (refused by the server, or not connected): why, in words.
    void actionRefused(const QString &reason);
    /// A moderator acted in the room (said in the log too); `you` when it was on this connection or account.
    void moderated(const Kaiwa::ModerationEvent &moderation, bool you);

private:
    void setUnreadCount(int count, int mentions = 0);
    /// The user sees the room (in view, newest on screen): note what was read.
    void updateReading();
    /// Puts the "new messages" divider after what the user has read.
    void placeDivider();
    /// Sends a request with a client id of this client; says so when the link is down.
    template<typename Request>
    bool sendRequest(Request request);
    void onModeration(const Kaiwa::ModerationEvent &moderation);
    /// A moderation event in words for the log ("alice banned bob from the room until …").
    static QString describeModeration(const Kaiwa::ModerationEvent &moderation, bool you);

    RoomConnection *m_connection;
    ChatLogModel *m_log;
    MemberListModel *m_members;
    TypingTracker *m_typing;
    RoomSettings *m_settings;
    QString m_ownMemberId; ///< This link's member id, from the welcome: the own entry in presence and typing.
    QString m_ownName;
    QString m_account; ///< From the welcome of a link opened with a token: the server checked it.
    OwnMessageKey m_ownKey;
    ReadMarker *m_readMarker;
    int m_unreadCount = 0;
    int m_mentionCount = 0;
    bool m_inView = false;
    bool m_newestOnScreen = true;
    qint64 m_localRead = 0;        ///< Anonymous: the newest id seen while in view (the divider's place).
    bool m_markerWelcomed = false; ///< A welcome of this run gave the server's marker.
    bool m_moreHistory = true;     ///< Until a history page says otherwise.
    bool m_caughtUp = false;
    /// The last moderation of this connection or account: a ban's expiry and reason for the notice after the close.
    std::optional<Kaiwa::ModerationEvent> m_ownModeration;
    NotificationLevel m_notificationLevel = NotificationLevel::All;
};

} // namespace Kaiwa::Client
