// SPDX-License-Identifier: MIT
#include "roomlistmodel.h"

#include "logging.h"
#include "room.h"

namespace Kaiwa::Client {

RoomListModel::RoomListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

RoomListModel::~RoomListModel() = default; // The rooms are children.

int RoomListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rooms.size());
}

QVariant RoomListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    Room *room = m_rooms.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return room->address().room;
    case Qt::ToolTipRole:
        return room->address().pageUrl().toDisplayString();
    case RoomRole:
        return QVariant::fromValue(room);
    case ServerRole:
        return room->address().server;
    case UnreadRole:
        return room->unreadCount();
    case StateRole:
        return QVariant::fromValue(room->connection()->state());
    default:
        return {};
    }
}

QHash<int, QByteArray> RoomListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{RoomRole, "room"}, {NameRole, "name"}, {ServerRole, "server"}, {UnreadRole, "unread"},
                  {StateRole, "connectionState"}});
    return names;
}

Room *RoomListModel::openRoom(const RoomAddress &address)
{
    for (Room *room : std::as_const(m_rooms)) {
        if (room->address().roomKey() == address.roomKey())
            return room;
    }
    qCInfo(lcSession) << "opening room" << address.room << "on" << address.server.toDisplayString();
    const int row = int(m_rooms.size());
    beginInsertRows({}, row, row);
    auto *room = new Room(address, this);
    m_rooms.append(room);
    endInsertRows();

    connect(room, &Room::unreadCountChanged, this, [this, room] {
        roomChanged(room, {UnreadRole});
        Q_EMIT totalUnreadChanged(totalUnread());
    });
    connect(room->connection(), &RoomConnection::stateChanged, this, [this, room] { roomChanged(room, {StateRole}); });
    return room;
}

void RoomListModel::closeRoom(int row)
{
    if (row < 0 || row >= m_rooms.size())
        return;
    beginRemoveRows({}, row, row);
    Room *room = m_rooms.takeAt(row);
    endRemoveRows();
    disconnect(room, nullptr, this, nullptr);
    disconnect(room->connection(), nullptr, this, nullptr);
    const bool hadUnread = room->unreadCount() > 0;
    room->connection()->close();
    room->deleteLater();
    if (hadUnread)
        Q_EMIT totalUnreadChanged(totalUnread());
}

Room *RoomListModel::roomAt(int row) const
{
    return row >= 0 && row < m_rooms.size() ? m_rooms.at(row) : nullptr;
}

int RoomListModel::rowOf(const Room *room) const
{
    return int(m_rooms.indexOf(room));
}

QList<RoomAddress> RoomListModel::addresses() const
{
    QList<RoomAddress> result;
    for (const Room *room : m_rooms)
        result.append(room->address());
    return result;
}

int RoomListModel::totalUnread() const
{
    int total = 0;
    for (const Room *room : m_rooms)
        total += room->unreadCount();
    return total;
}

void RoomListModel::roomChanged(Room *room, const QList<int> &roles)
{
    const int row = rowOf(room);
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row), roles);
}

} // namespace Kaiwa::Client
