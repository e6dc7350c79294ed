// SPDX-License-Identifier: MIT
#pragma once

#include "ownmessagekey.h"
#include "roomaddress.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

namespace Kaiwa::Client {

class Room;
class Session;
class TokenStore;

/**
 * The rooms open in this client, in the order they were opened, with their unread counts and
 * connection states: the tabs' model.
 *
 * It holds one Session per server, created with the first room opened there and kept for the run (its
 * sign-in with it); each session owns its rooms. Rooms opened or closed through a session come and go
 * here too.
 */
class RoomListModel : public QAbstractListModel
{
    Q_OBJECT
    // sessionAdded() carries a Session *: complete for moc, so that spies and queued calls can hold it.
    Q_MOC_INCLUDE("client/session.h")
    Q_PROPERTY(int totalUnread READ totalUnread NOTIFY totalUnreadChanged)

public:
    enum Roles {
        RoomRole = Qt::UserRole + 1, ///< Room * (owned by the model).
        NameRole,                    ///< QString: room name.
        ServerRole,                  ///< QUrl: server address.
        UnreadRole,                  ///< int: unread messages.
        StateRole,                   ///< ConnectionState.
    };
    Q_ENUM(Roles)

    /**
     * `tokens` keeps every session's sign-in token between runs; not owned, it must outlive the model.
     * `ownKey` recognises the user's own messages in every session (Session).
     */
    explicit RoomListModel(TokenStore *tokens, OwnMessageKey ownKey = {}, QObject *parent = nullptr);
    ~RoomListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Opens (and connects) a room in the session of its server, or returns the open one of that server and name.
    Room *openRoom(const RoomAddress &address);
    /// Closes the room in this row; it is deleted once control returns to the event loop.
    void closeRoom(int row);

    Room *roomAt(int row) const;
    int rowOf(const Room *room) const;
    QList<RoomAddress> addresses() const;
    int totalUnread() const;

    /// The session of `server`, or nullptr when no room was opened there in this run.
    Session *session(const QUrl &server) const;
    QList<Session *> sessions() const { return m_sessions.values(); }
    TokenStore *tokenStore() const { return m_tokens; }

Q_SIGNALS:
    void totalUnreadChanged(int count);
    /// The first room of a server opened: its session exists from now on.
    void sessionAdded(Kaiwa::Client::Session *session);

private:
    void onRoomOpened(Room *room);
    void onRoomClosing(Room *room);
    void roomChanged(Room *room, const QList<int> &roles);

    TokenStore *m_tokens;
    OwnMessageKey m_ownKey;
    QHash<QString, Session *> m_sessions; ///< By Session::serverKey(); children of the model.
    QList<Room *> m_rooms;                ///< Owned by their sessions.
};

} // namespace Kaiwa::Client
