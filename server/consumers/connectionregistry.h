// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace Kaiwa::Server {

class ChatConsumer;

/**
 * The chat connections open on this daemon, by account and by sign-in session: how the daemon
 * reaches "every connection of alice" or "every connection of this session" without walking all of
 * them. SessionMonitor ends those whose session ended; per-room actions on an account or a member (a kick) and
 * news for an account's other connections (read markers) start from here too.
 *
 * Consumers register themselves while they are members of their room (ChatConsumer::start() to
 * leave()); nothing is owned. Lookups return copies, so a caller may close connections (which
 * removes them) while it walks the result.
 */
class ConnectionRegistry
{
public:
    void add(ChatConsumer *connection);
    void remove(ChatConsumer *connection);

    /// The connections signed in to `account`.
    QList<ChatConsumer *> ofAccount(const QString &account) const { return m_byAccount.values(account); }
    /// The connections opened with one sign-in session (SessionToken::hash).
    QList<ChatConsumer *> ofSession(const QByteArray &sessionHash) const { return m_bySession.values(sessionHash); }
    /// The connection of a member id (ChatConsumer::member()), or null when it is not on this daemon.
    ChatConsumer *ofMember(const QString &memberId) const { return m_byMember.value(memberId); }
    /// The connections in a room (to close those that lost access to it).
    QList<ChatConsumer *> inRoom(const QString &room) const { return m_byRoom.values(room); }
    /// Whether a connection in the room speaks kaiwa.v1: only those are sent typed events such as member.joined.
    bool hasKaiwaV1In(const QString &room) const { return m_kaiwaV1ByRoom.contains(room); }
    /// The connections of no account.
    QList<ChatConsumer *> anonymous() const { return m_anonymous.values(); }
    /// The sessions with at least one open connection, each once.
    QList<QByteArray> sessions() const { return m_bySession.uniqueKeys(); }

private:
    QHash<QString, ChatConsumer *> m_byMember;
    QMultiHash<QString, ChatConsumer *> m_byAccount;
    QMultiHash<QByteArray, ChatConsumer *> m_bySession;
    QSet<ChatConsumer *> m_anonymous;
    QMultiHash<QString, ChatConsumer *> m_byRoom;
    QHash<QString, int> m_kaiwaV1ByRoom; ///< Rooms with kaiwa.v1 connections, and how many.
};

} // namespace Kaiwa::Server
