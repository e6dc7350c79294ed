// SPDX-License-Identifier: MIT
#include "room.h"

#include "chatlogmodel.h"
#include "logging.h"
#include "memberlistmodel.h"
#include "readmarker.h"
#include "roomconnection.h"
#include "roomsettings.h"
#include "typingtracker.h"

#include "common/displayname.h"
#include "common/mentions.h"

#include <QLocale>

namespace Kaiwa::Client {

using namespace Qt::StringLiterals;

Room::TextCheck Room::checkText(const QString &text)
{
    if (text.trimmed().isEmpty())
        return TextCheck::Empty;
    if (text.toUtf8().size() > maxMessageBytes)
        return TextCheck::TooLong;
    return TextCheck::Sendable;
}

Room::Room(RoomAddress address, const QByteArray &accessToken, OwnMessageKey ownKey, QObject *parent)
    : QObject(parent)
    , m_connection(new RoomConnection(std::move(address), this))
    , m_log(new ChatLogModel(this))
    , m_members(new MemberListModel(this))
    , m_typing(new TypingTracker(this))
    , m_settings(new RoomSettings(this))
    , m_ownKey(std::move(ownKey))
    , m_readMarker(new ReadMarker(m_log, this))
{
    m_log->setOwnTest([this](const ChatMessage &message) { return isOwn(message); });
    m_ownName = DisplayName::sanitize(m_connection->address().name);
    if (m_ownName.isEmpty())
        m_ownName = u"anonymous"_s;
    m_log->setOwnNames({m_ownName});

    connect(m_connection, &RoomConnection::messageReceived, this,
            [this](const ChatMessage &message, RoomConnection::MessageOrigin origin) {
                // Own echoes update their pending entry and replays are dropped: only new lines are new to the user.
                const int rowsBefore = m_log->rowCount();
                // A replayed message comes as it is now: the events replayed after it are in it already.
                m_log->addMessage(message,
                                  origin == RoomConnection::MessageOrigin::Live ? 0 : m_connection->replayedUpTo());
                if (m_log->rowCount() == rowsBefore || origin == RoomConnection::MessageOrigin::Backlog)
                    return;
                updateReading();
                // With the server's read marker the counts follow the log (ReadMarker).
                if (!m_inView && !m_readMarker->marker())
                    setUnreadCount(m_unreadCount + 1);
                if (origin == RoomConnection::MessageOrigin::Live)
                    Q_EMIT messageArrived(message);
            });
    connect(m_connection, &RoomConnection::welcomed, this, [this](const WelcomeEvent &welcome) {
        if (!welcome.user.isEmpty())
            m_ownName = welcome.user;
        m_ownMemberId = welcome.memberId;
        // A welcome on a link opened with a token: the server took the token, and `user` is its account.
        const QString account = m_connection->accessToken().isEmpty() ? QString() : welcome.user;
        if (account != m_account) {
            m_account = account;
            m_log->recheckOwn(); // The history that follows the welcome is tested with the new account.
        }
        m_log->setOwnNames({m_ownName, m_account});
        m_settings->applyWelcome(welcome, m_account);
        if (welcome.readId && !account.isEmpty()) {
            m_readMarker->setMarker(*welcome.readId);
            // The first marker of the run: the divider shows where the user left off, also in the room in view.
            if (!std::exchange(m_markerWelcomed, true) && m_inView)
                m_log->setNewMessagesAfter(*welcome.readId);
        }
    });
    connect(m_connection, &RoomConnection::readReceived, this, [this](const ReadEvent &read) {
        // Every connection of the account hears of every room: this room's marker is this room's business.
        if (read.room == serverRoomName() && !m_account.isEmpty())
            m_readMarker->setMarker(read.id);
    });
    connect(m_readMarker, &ReadMarker::countsChanged, this,
            [this] { setUnreadCount(m_readMarker->unreadCount(), m_readMarker->mentionCount()); });
    connect(m_readMarker, &ReadMarker::reportDue, m_connection, &RoomConnection::sendRead);
    connect(m_connection, &RoomConnection::historyReset, this, [this] {
        m_log->clearHistory();
        m_moreHistory = true;
        m_log->addNotice(tr("The server's history of this room was reset or restored from a backup: the log "
                            "starts again from what it holds now."));
    });
    connect(m_connection, &RoomConnection::edited, m_log, &ChatLogModel::applyEdit);
    connect(m_connection, &RoomConnection::deleted, m_log, &ChatLogModel::applyDelete);
    connect(m_connection, &RoomConnection::reacted, this, [this](const ChatReactionEvent &reaction) {
        const bool own = (!reaction.clientId.isEmpty() && m_ownKey.isOwn(this->address(), reaction.clientId))
                         || (reaction.clientId.isEmpty() && reaction.user == m_ownName);
        m_log->applyReaction(reaction, own);
    });
    connect(m_connection, &RoomConnection::requestRefused, this,
            [this](const ErrorEvent &error) { Q_EMIT actionRefused(refusalText(error)); });
    connect(m_connection, &RoomConnection::presenceReceived, this, [this](const PresenceEvent &presence) {
        m_members->reset(presence.members, m_ownMemberId);
        if (!m_caughtUp) {
            m_caughtUp = true; // the replay comes before the presence
            updateReading();
            Q_EMIT caughtUp();
        }
    });
    connect(m_connection, &RoomConnection::memberJoined, m_members, &MemberListModel::add);
    connect(m_connection, &RoomConnection::memberLeft, this, [this](const Member &member) {
        m_members->remove(member.id);
        m_typing->onLeft(member.id);
    });
    connect(m_connection, &RoomConnection::typingReceived, this, [this](const Member &member, int expiresInMs) {
        if (member.id != m_ownMemberId)
            m_typing->onTyping(member, expiresInMs);
    });
    connect(m_connection, &RoomConnection::stateChanged, this, [this](ConnectionState state) {
        // What we knew is stale once the link is down; the next link brings a fresh list.
        if (state != ConnectionState::Connected) {
            m_caughtUp = false;
            m_readMarker->linkLost();
            m_members->clear();
            m_typing->clear();
        }
        Q_EMIT connectionStateChanged(state);
    });
    connect(m_connection, &RoomConnection::messageDelivered, m_log, [this](const QString &clientId, qint64 id) {
        m_log->setDelivery(clientId, ChatLogModel::Delivery::Delivered, id);
    });
    connect(m_connection, &RoomConnection::messageUnconfirmed, m_log,
            [this](const QString &clientId) { m_log->setDelivery(clientId, ChatLogModel::Delivery::Unconfirmed); });
    connect(m_connection, &RoomConnection::messageRejected, m_log,
            [this](const QString &clientId, const ErrorEvent &error) {
                m_log->setDelivery(clientId, ChatLogModel::Delivery::Failed);
                // A reply to a message gone meanwhile, or a mute: "not delivered" alone would not say why.
                if (error.code == ErrorCode::DeletedTarget || error.code == ErrorCode::UnknownTarget
                    || error.code == ErrorCode::Muted)
                    Q_EMIT actionRefused(refusalText(error));
            });
    connect(m_connection, &RoomConnection::historyReceived, this, [this](const HistoryPageEvent &page) {
        m_moreHistory = page.more && !page.messages.isEmpty();
        // A page shows messages as they are now: every event seen so far is in it.
        m_log->prependHistory(page.messages, m_connection->lastSeenId().value_or(0));
        Q_EMIT historyLoaded();
    });
    connect(m_connection, &RoomConnection::historyGap, this, [this](const HistoryGapEvent &) {
        m_log->addNotice(tr("Some messages sent while you were away are no longer available."));
    });
    connect(m_connection, &RoomConnection::serverError, this, [this](const ErrorEvent &error) {
        m_log->addNotice(tr("The server reported an error: %1").arg(error.detail));
    });
    connect(m_connection, &RoomConnection::roomSettingsReceived, m_settings, &RoomSettings::applySettings);
    connect(m_connection, &RoomConnection::roomRoleReceived, this,
            [this](const RoomRoleEvent &role) { m_settings->applyRole(role, m_account); });
    connect(m_connection, &RoomConnection::moderationReceived, this, &Room::onModeration);
    connect(m_connection, &RoomConnection::authenticationRequired, this, &Room::authenticationRequired);
    m_connection->setAccessToken(accessToken);
    m_connection->open();
}

Room::~Room() = default;

const RoomAddress &Room::address() const
{
    return m_connection->address();
}

Room::TextCheck Room::send(const QString &text, qint64 replyTo)
{
    const TextCheck check = checkText(text);
    if (check != TextCheck::Sendable)
        return check;
    const OutgoingMessage queued = m_connection->sendMessage(text, m_ownKey.newClientId(address()), replyTo);
    m_typing->messageSent();
    // Shown pending until the echo or ack confirms it, even when it was written at once.
    m_log->addPending(queued, m_ownName, replyTo > 0 ? m_log->quoteOf(replyTo) : std::nullopt);
    return check;
}

template<typename Request>
bool Room::sendRequest(Request request)
{
    request.clientId = m_ownKey.newClientId(address());
    if (m_connection->sendRequest(request))
        return true;
    Q_EMIT actionRefused(supportsConversations()
                             ? tr("Not connected: nothing was changed. Try again once the connection is back.")
                             : tr("This server does not support editing, deleting or reactions."));
    return false;
}

bool Room::edit(qint64 id, const QString &text)
{
    if (checkText(text) != TextCheck::Sendable)
        return false;
    return sendRequest(EditRequest{id, text, {}});
}

bool Room::remove(qint64 id)
{
    return sendRequest(DeleteRequest{id, {}});
}

bool Room::react(qint64 id, const QString &emoji, bool add)
{
    return sendRequest(ReactionRequest{id, emoji, add, {}});
}

bool Room::toggleReaction(qint64 id, const QString &emoji)
{
    const int row = m_log->rowOfId(id);
    const bool held = row >= 0 && m_log->index(row).data(ChatLogModel::OwnReactionsRole).toStringList().contains(emoji);
    return react(id, emoji, !held);
}

bool Room::changeSettings(const std::optional<QString> &topic, const std::optional<bool> &isPrivate)
{
    return sendRequest(RoomSetRequest{topic, isPrivate, {}});
}

bool Room::grant(const QString &account, RoomRole role)
{
    return sendRequest(GrantRequest{account, role, {}});
}

bool Room::revoke(const QString &account)
{
    return sendRequest(RevokeRequest{account, {}});
}

bool Room::moderate(ModerationRequest request)
{
    return sendRequest(std::move(request));
}

void Room::onModeration(const ModerationEvent &moderation)
{
    const bool you = moderation.memberId.isEmpty() ? !m_account.isEmpty() && moderation.user == m_account
                                                   : moderation.memberId == m_ownMemberId;
    if (you)
        m_ownModeration = moderation;
    m_log->addNotice(describeModeration(moderation, you));
    Q_EMIT moderated(moderation, you);
}

QString Room::describeModeration(const ModerationEvent &moderation, bool you)
{
    const QString until = moderation.until.isValid()
                              ? QLocale().toString(moderation.until.toLocalTime(), QLocale::ShortFormat)
                              : QString();
    QString text;
    if (moderation.action == u"kick"_s)
        text = you ? tr("%1 removed you from the room.").arg(moderation.by)
                   : tr("%1 removed %2 from the room.").arg(moderation.by, moderation.user);
    else if (moderation.action == u"ban"_s && until.isEmpty())
        text = you ? tr("%1 banned you from the room.").arg(moderation.by)
                   : tr("%1 banned %2 from the room.").arg(moderation.by, moderation.user);
    else if (moderation.action == u"ban"_s)
        text = you ? tr("%1 banned you from the room until %2.").arg(moderation.by, until)
                   : tr("%1 banned %2 from the room until %3.").arg(moderation.by, moderation.user, until);
    else if (moderation.action == u"mute"_s && until.isEmpty())
        text = you ? tr("%1 muted you: you can read but not write here.").arg(moderation.by)
                   : tr("%1 muted %2.").arg(moderation.by, moderation.user);
    else if (moderation.action == u"mute"_s)
        text = you ? tr("%1 muted you until %2: you can read but not write here.").arg(moderation.by, until)
                   : tr("%1 muted %2 until %3.").arg(moderation.by, moderation.user, until);
    else if (moderation.action == u"unban"_s)
        text = tr("%1 lifted the ban of %2.").arg(moderation.by, moderation.user);
    else if (moderation.action == u"unmute"_s)
        text = you ? tr("%1 lifted your mute.").arg(moderation.by)
                   : tr("%1 lifted the mute of %2.").arg(moderation.by, moderation.user);
    else
        return tr("%1 moderated %2.").arg(moderation.by, moderation.user);
    return moderation.reason.isEmpty() ? text : tr("%1 Reason: %2").arg(text, moderation.reason);
}

bool Room::supportsConversations() const
{
    // Before the first link nothing is known: a kaiwa-server is the likely one.
    return m_connection->isKaiwaProtocol() || m_connection->state() != ConnectionState::Connected;
}

bool Room::mentionsYou(const ChatMessage &message) const
{
    return Mentions::addresses(message.mentions, {m_ownName, m_account});
}

bool Room::shouldNotify(const ChatMessage &message) const
{
    switch (m_notificationLevel) {
    case NotificationLevel::All:
        return true;
    case NotificationLevel::Mentions:
        return mentionsYou(message);
    case NotificationLevel::None:
        break;
    }
    return false;
}

QString Room::refusalText(const ErrorEvent &error)
{
    switch (error.code) {
    case ErrorCode::Forbidden:
        return tr("Not allowed: only its author can change a message (an anonymous author only from the connection "
                  "that sent it), and edits only for as long as this server allows.");
    case ErrorCode::UnknownTarget:
        return tr("That message is not in this room's history any more.");
    case ErrorCode::DeletedTarget:
        return tr("That message was deleted.");
    case ErrorCode::TooManyReactions:
        return tr("That message has as many reactions as it can take.");
    case ErrorCode::InvalidEmoji:
        return tr("A reaction is a single emoji.");
    case ErrorCode::RateLimited:
        return tr("Too much at once: wait a moment and try again.");
    case ErrorCode::Muted:
        return error.until.isValid() ? tr("You are muted in this room until %1.")
                                           .arg(QLocale().toString(error.until.toLocalTime(), QLocale::ShortFormat))
                                     : tr("You are muted in this room.");
    case ErrorCode::UnknownUser:
        return tr("There is no such account or member in this room.");
    case ErrorCode::LastOwner:
        return tr("The room's last owner cannot be removed: make someone else an owner first.");
    default:
        break;
    }
    return tr("The server refused it: %1").arg(error.detail);
}

bool Room::isOwn(const ChatMessage &message) const
{
    if (message.verified && !m_account.isEmpty() && message.user == m_account)
        return true;
    return !message.clientId.isEmpty() && m_ownKey.isOwn(address(), message.clientId);
}

void Room::setInView(bool inView)
{
    const bool arriving = inView && !m_inView;
    m_inView = inView;
    if (arriving)
        placeDivider();
    if (inView && !m_readMarker->marker())
        setUnreadCount(0); // anonymous: what is in view counts as read
    updateReading();
}

void Room::setNewestOnScreen(bool onScreen)
{
    m_newestOnScreen = onScreen;
    updateReading();
}

void Room::setDirectoryCounts(const ReadMarker::DirectoryCounts &counts)
{
    if (!m_connection->accessToken().isEmpty())
        m_readMarker->setDirectoryCounts(counts);
}

void Room::placeDivider()
{
    if (const auto marker = m_readMarker->marker())
        m_log->setNewMessagesAfter(*marker);
    else
        m_log->setNewMessagesAfter(m_localRead > 0 ? std::optional<qint64>(m_localRead) : std::nullopt);
}

void Room::updateReading()
{
    if (!m_inView)
        return;
    if (!m_readMarker->marker()) {
        m_localRead = std::max(m_localRead, m_log->newestId());
        return;
    }
    if (m_newestOnScreen && m_caughtUp)
        m_readMarker->seen(m_log->newestId());
}

bool Room::hasMoreHistory() const
{
    return m_connection->isKaiwaProtocol() && m_moreHistory && m_log->oldestId() > 1;
}

bool Room::loadOlderHistory(int limit)
{
    if (!hasMoreHistory())
        return false;
    return m_connection->requestHistory(m_log->oldestId(), limit);
}

void Room::setUnreadCount(int count, int mentions)
{
    if (m_unreadCount == count && m_mentionCount == mentions)
        return;
    m_unreadCount = count;
    m_mentionCount = mentions;
    Q_EMIT unreadCountChanged(count);
}

void Room::noteTyping()
{
    if (m_connection->state() == ConnectionState::Connected && m_connection->isKaiwaProtocol() && m_typing->userTyped())
        m_connection->sendTyping();
}

ConnectionState Room::connectionState() const
{
    return m_connection->state();
}

bool Room::isKaiwaProtocol() const
{
    return m_connection->isKaiwaProtocol();
}

QString Room::errorString() const
{
    // The room's own reasons are worded here, when read: they follow a change of language. The moderation frame
    // that came before the close knows more than the close (a ban's expiry), when it is about the same action.
    const RoomConnection::Removal removal = m_connection->removal();
    const bool framed =
        m_ownModeration
        && m_ownModeration->action == (removal == RoomConnection::Removal::Kicked ? u"kick"_s : u"ban"_s);
    QString text;
    switch (removal) {
    case RoomConnection::Removal::None:
        return m_connection->errorString();
    case RoomConnection::Removal::Kicked:
        text = tr("A moderator removed you from this room.");
        break;
    case RoomConnection::Removal::Banned:
        text = framed && m_ownModeration->until.isValid()
                   ? tr("You are banned from this room until %1.")
                         .arg(QLocale().toString(m_ownModeration->until.toLocalTime(), QLocale::ShortFormat))
                   : tr("You are banned from this room.");
        break;
    case RoomConnection::Removal::Unavailable:
        return tr("This room is no longer available to you.");
    }
    const QString reason =
        framed && !m_ownModeration->reason.isEmpty() ? m_ownModeration->reason : m_connection->removalReason();
    return reason.isEmpty() ? text : tr("%1 Reason: %2").arg(text, reason);
}

QString Room::serverRoomName() const
{
    return m_settings->serverName().isEmpty() ? address().room : m_settings->serverName();
}

bool Room::wasKicked() const
{
    return m_connection->removal() == RoomConnection::Removal::Kicked;
}

bool Room::isRemoved() const
{
    return m_connection->removal() != RoomConnection::Removal::None;
}

QDeadlineTimer Room::retryDeadline() const
{
    return m_connection->retryDeadline();
}

bool Room::needsUserAction() const
{
    return m_connection->needsUserAction();
}

void Room::setReconnectBackoff(const ReconnectBackoff &backoff)
{
    m_connection->setBackoff(backoff);
}

void Room::setAccessToken(const QByteArray &token)
{
    m_connection->setAccessToken(token);
}

QByteArray Room::accessToken() const
{
    return m_connection->accessToken();
}

void Room::reconnectNow()
{
    m_connection->reconnectNow();
}

void Room::close()
{
    m_connection->close();
}

} // namespace Kaiwa::Client
