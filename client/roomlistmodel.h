// SPDX-License-Identifier: MIT
#pragma once

#include "roomaddress.h"

#include <QAbstractListModel>
#include <QList>

namespace Kaiwa::Client {

class Room;

/**
 * The rooms open in this session, in the order they were opened, with their unread counts and
 * connection states. The model owns the rooms.
 */
class RoomListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int totalUnread READ totalUnread NOTIFY totalUnreadChanged)

public:
    enum Roles {
        RoomRole = Qt::UserRole + 1, ///< Room * (owned by the model).
        NameRole,                    ///< QString: room name.
        ServerRole,                  ///< QUrl: server address.
        UnreadRole,                  ///< int: unread messages.
        StateRole,                   ///< RoomConnection::State.
    };
    Q_ENUM(Roles)

    explicit RoomListModel(QObject *parent = nullptr);
    ~RoomListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Opens (and connects) a room, or returns the open one with the same server and name.
    Room *openRoom(const RoomAddress &address);
    /// Closes the room in this row; it is deleted once control returns to the event loop.
    void closeRoom(int row);

    Room *roomAt(int row) const;
    int rowOf(const Room *room) const;
    QList<RoomAddress> addresses() const;
    int totalUnread() const;

Q_SIGNALS:
    void totalUnreadChanged(int count);

private:
    void roomChanged(Room *room, const QList<int> &roles);

    QList<Room *> m_rooms;
};

} // namespace Kaiwa::Client
