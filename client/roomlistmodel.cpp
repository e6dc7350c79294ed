// SPDX-License-Identifier: MIT
#include "roomlistmodel.h"

#include "room.h"
#include "session.h"

namespace Kaiwa::Client {

RoomListModel::RoomListModel(TokenStore *tokens, OwnMessageKey ownKey, QObject *parent)
    : QAbstractListModel(parent)
    , m_tokens(tokens)
    , m_ownKey(std::move(ownKey))
{
}

RoomListModel::~RoomListModel() = default; // The sessions are children, the rooms theirs.

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
        return role == NameRole ? room->address().room : room->title();
    case Qt::ToolTipRole:
        return room->address().pageUrl().toDisplayString();
    case RoomRole:
        return QVariant::fromValue(room);
    case ServerRole:
        return room->address().server;
    case UnreadRole:
        return room->unreadCount();
    case StateRole:
        return QVariant::fromValue(room->connectionState());
    default:
        return {};
    }
}

QHash<int, QByteArray> RoomListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{RoomRole, "room"},
                  {NameRole, "name"},
                  {ServerRole, "server"},
                  {UnreadRole, "unread"},
                  {StateRole, "connectionState"}});
    return names;
}

Room *RoomListModel::openRoom(const RoomAddress &address)
{
    const QString key = Session::serverKey(address.server);
    Session *session = m_sessions.value(key);
    if (!session) {
        session = new Session(address.server, m_tokens, m_ownKey, this);
        m_sessions.insert(key, session);
        connect(session, &Session::roomOpened, this, &RoomListModel::onRoomOpened);
        connect(session, &Session::roomClosing, this, &RoomListModel::onRoomClosing);
        Q_EMIT sessionAdded(session);
    }
    return session->openRoom(address);
}

void RoomListModel::closeRoom(int row)
{
    if (Room *room = roomAt(row))
        session(room->address().server)->closeRoom(room);
}

Session *RoomListModel::session(const QUrl &server) const
{
    return m_sessions.value(Session::serverKey(server));
}

void RoomListModel::onRoomOpened(Room *room)
{
    const int row = int(m_rooms.size());
    beginInsertRows({}, row, row);
    m_rooms.append(room);
    endInsertRows();
    connect(room, &Room::unreadCountChanged, this, [this, room] {
        roomChanged(room, {UnreadRole});
        Q_EMIT totalUnreadChanged(totalUnread());
    });
    connect(room, &Room::connectionStateChanged, this, [this, room] { roomChanged(room, {StateRole}); });
}

void RoomListModel::onRoomClosing(Room *room)
{
    const int row = rowOf(room);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rooms.removeAt(row);
    endRemoveRows();
    disconnect(room, nullptr, this, nullptr);
    if (room->unreadCount() > 0)
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
