// SPDX-License-Identifier: MIT
#include "tokenkeeper.h"

#include "logging.h"
#include "room.h"
#include "roomlistmodel.h"
#include "tokenstore.h"

namespace Kaiwa::Client {

TokenKeeper::TokenKeeper(RoomListModel *rooms, TokenStore *store, QObject *parent)
    : QObject(parent)
    , m_rooms(rooms)
    , m_store(store)
{
    connect(m_rooms, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRoomsInserted(first, last); });
    connect(m_store, &TokenStore::tokenRead, this, &TokenKeeper::onTokenRead);
    if (m_rooms->rowCount() > 0)
        onRoomsInserted(0, m_rooms->rowCount() - 1);
}

TokenKeeper::~TokenKeeper() = default;

void TokenKeeper::signedIn(const QUrl &server, const QByteArray &token)
{
    m_store->store(server, token);
    applyToken(server, token);
}

void TokenKeeper::onRoomsInserted(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        Room *room = m_rooms->roomAt(row);
        // The room is already connecting: a token set now restarts that attempt with it.
        if (const QByteArray token = m_store->token(room->address().server); !token.isEmpty())
            room->connection()->setAccessToken(token);
        connect(room->connection(), &RoomConnection::authenticationRequired, this,
                [this, room] { onAuthenticationRequired(room); });
    }
}

void TokenKeeper::onAuthenticationRequired(Room *room)
{
    const QUrl server = room->address().server;
    const QByteArray refused = room->connection()->accessToken();
    const QByteArray known = m_store->token(server);
    if (!known.isEmpty() && known != refused) {
        // Signed in (or read from the keychain) since this attempt started.
        room->connection()->setAccessToken(known);
        room->connection()->reconnectNow();
        return;
    }
    if (!refused.isEmpty()) {
        qCInfo(lcSession) << server.toDisplayString() << "refused the sign-in token: forgetting it";
        m_store->remove(server);
        Q_EMIT signInRequired(server, room->address().name);
        return;
    }
    if (!m_store->isRead(server)) {
        m_waiting.insert(server.toString(), room->address().name);
        m_store->read(server);
        return;
    }
    Q_EMIT signInRequired(server, room->address().name);
}

void TokenKeeper::onTokenRead(const QUrl &server, const QByteArray &token)
{
    const auto waiting = m_waiting.constFind(server.toString());
    if (waiting == m_waiting.cend())
        return;
    const QString name = waiting.value();
    m_waiting.erase(waiting);
    if (token.isEmpty())
        Q_EMIT signInRequired(server, name);
    else
        applyToken(server, token);
}

void TokenKeeper::applyToken(const QUrl &server, const QByteArray &token)
{
    for (int row = 0; row < m_rooms->rowCount(); ++row) {
        Room *room = m_rooms->roomAt(row);
        if (room->address().server != server)
            continue;
        room->connection()->setAccessToken(token);
        if (room->connection()->state() != RoomConnection::State::Connected)
            room->connection()->reconnectNow();
    }
}

} // namespace Kaiwa::Client
