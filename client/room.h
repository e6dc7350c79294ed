// SPDX-License-Identifier: MIT
#pragma once

#include "roomaddress.h"
#include "roomconnection.h"

#include <QObject>

namespace Kaiwa::Client {

class ChatLogModel;
class MemberListModel;
class TypingTracker;

/**
 * One open room: its connection, its chat log, and what the user has not read yet.
 * Views show log() and forward intents (send(), loadOlderHistory(), setInView()).
 */
class Room : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int unreadCount READ unreadCount NOTIFY unreadCountChanged)

public:
    enum class SendResult {
        Queued,  ///< In the outbox; written now or when the link is back.
        Empty,   ///< Nothing but white space.
        TooLong, ///< Over RoomConnection::maxMessageBytes.
    };
    Q_ENUM(SendResult)

    /// Opens the connection right away.
    explicit Room(RoomAddress address, QObject *parent = nullptr);
    ~Room() override;

    const RoomAddress &address() const { return m_connection->address(); }
    RoomConnection *connection() const { return m_connection; }
    ChatLogModel *log() const { return m_log; }
    /// Who is in the room (kaiwa.v1 servers; empty while disconnected).
    MemberListModel *members() const { return m_members; }
    /// Who else is typing.
    TypingTracker *typing() const { return m_typing; }
    /// This connection's member id, from the welcome; empty on tutorial servers.
    QString ownMemberId() const { return m_ownMemberId; }

    /// The user edited the message box: tells the room, at most once per 2 s.
    void noteTyping();

    SendResult send(const QString &text);

    /// Messages from others that arrived while the room was not in view.
    int unreadCount() const { return m_unreadCount; }
    bool isInView() const { return m_inView; }
    /// The view tells whether the room is on screen; being in view marks everything read.
    void setInView(bool inView);

    /// kaiwa.v1 only: older messages exist on the server that are not in the log yet.
    bool hasMoreHistory() const;
    /// Asks for the page before the oldest message in the log; false when nothing was asked.
    bool loadOlderHistory(int limit = 50);

Q_SIGNALS:
    void unreadCountChanged(int count);
    /// A live message from someone else (for notifications).
    void messageArrived(const Kaiwa::ChatMessage &message);

private:
    void onMessage(const Kaiwa::ChatMessage &message, RoomConnection::MessageOrigin origin);
    void setUnreadCount(int count);

    RoomConnection *m_connection;
    ChatLogModel *m_log;
    MemberListModel *m_members;
    TypingTracker *m_typing;
    QString m_ownMemberId;
    QString m_ownName;
    int m_unreadCount = 0;
    bool m_inView = false;
    bool m_moreHistory = true; ///< Until a history page says otherwise.
};

} // namespace Kaiwa::Client
