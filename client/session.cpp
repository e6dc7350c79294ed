// SPDX-License-Identifier: MIT
#include "session.h"

#include "logging.h"
#include "room.h"
#include "roomdirectorymodel.h"
#include "serverapi.h"
#include "tokenstore.h"

namespace Kaiwa::Client {

using namespace Qt::StringLiterals;

Session::Session(const QUrl &server, TokenStore *tokens, OwnMessageKey ownKey, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_tokens(tokens)
    , m_signIn(new SignIn(this))
    , m_api(new ServerApi(server, this))
    , m_ownKey(std::move(ownKey))
{
    connect(m_tokens, &TokenStore::tokenRead, this, &Session::onTokenRead);
    connect(m_signIn, &SignIn::succeeded, this, &Session::onSignedIn);
    connect(m_signIn, &SignIn::failed, this, &Session::signInFailed);
}

Session::~Session() = default; // The rooms are children.

QString Session::serverKey(const QUrl &server)
{
    // As RoomAddress builds room paths: a server's path is a prefix, whatever slashes end it.
    QUrl url = server.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path, QUrl::StrictMode);
    return url.toString(QUrl::FullyEncoded);
}

Room *Session::openRoom(const RoomAddress &address)
{
    Q_ASSERT(serverKey(address.server) == serverKey(m_server));
    for (Room *room : std::as_const(m_rooms)) {
        if (room->address().roomKey() == address.roomKey())
            return room;
    }
    qCInfo(lcSession) << "opening room" << address.room << "on" << address.server.toDisplayString();
    auto *room = new Room(address, m_token, m_ownKey, this);
    m_rooms.append(room);
    connect(room, &Room::authenticationRequired, this, [this, room] { onAuthenticationRequired(room); });
    connect(room, &Room::caughtUp, this, &Session::refreshUnreadCounts);
    Q_EMIT roomOpened(room);
    return room;
}

void Session::closeRoom(Room *room)
{
    if (!m_rooms.contains(room))
        return;
    Q_EMIT roomClosing(room);
    m_rooms.removeOne(room);
    disconnect(room, nullptr, this, nullptr);
    room->close();
    room->deleteLater();
}

void Session::signIn(const QString &name, const QString &password)
{
    m_signIn->start(m_server, name, password);
}

void Session::refreshUnreadCounts()
{
    if (m_token.isEmpty())
        return;
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    m_refreshing = true;
    m_api->get(u"api/rooms"_s, {}, this, [this](const ServerApi::Answer &answer) {
        m_refreshing = false;
        if (answer.ok()) {
            const QList<RoomDirectoryModel::Entry> entries = RoomDirectoryModel::parse(answer.json);
            for (const RoomDirectoryModel::Entry &entry : entries) {
                if (!entry.readId)
                    continue;
                for (Room *room : std::as_const(m_rooms)) {
                    // A direct-message room is listed under its internal name, with the other account as `direct`.
                    const RoomAddress &address = room->address();
                    if (address.room == (address.direct ? entry.direct : entry.name)
                        && address.direct != entry.direct.isEmpty())
                        room->setDirectoryCounts({*entry.readId, entry.lastId, entry.unread, entry.mentions});
                }
            }
            Q_EMIT unreadCountsRefreshed();
        }
        if (std::exchange(m_refreshAgain, false))
            refreshUnreadCounts();
    });
}

void Session::onSignedIn(const QByteArray &token, const QString &account)
{
    m_token = token;
    m_keychainRead = KeychainRead::Answered; // what the keychain holds is older than this
    m_tokens->store(m_server, token);
    applyToken();
    Q_EMIT signedIn(account);
}

void Session::onAuthenticationRequired(Room *room)
{
    const QByteArray refused = room->accessToken();
    const QString name = room->address().name;
    if (!m_token.isEmpty() && m_token != refused) {
        // Signed in (or read from the keychain) since this attempt started.
        room->setAccessToken(m_token);
        room->reconnectNow();
        return;
    }
    if (!refused.isEmpty()) {
        // Only the session's own token can have been refused (or one already forgotten for it).
        if (refused == m_token) {
            qCInfo(lcSession) << m_server.toDisplayString() << "refused the sign-in token: forgetting it";
            m_token.clear();
            m_api->setAccessToken({});
            m_tokens->remove(m_server);
        }
        Q_EMIT signInRequired(name);
        return;
    }
    if (m_keychainRead == KeychainRead::NotAsked && !m_tokens->isSessionOnly()) {
        m_keychainRead = KeychainRead::Asking;
        m_refusedName = name;
        m_tokens->read(m_server);
        return;
    }
    if (m_keychainRead == KeychainRead::Asking) {
        m_refusedName = name; // onTokenRead() answers for every room refused meanwhile
        return;
    }
    Q_EMIT signInRequired(name);
}

void Session::onTokenRead(const QUrl &server, const QByteArray &token)
{
    if (server != m_server || m_keychainRead != KeychainRead::Asking)
        return;
    m_keychainRead = KeychainRead::Answered;
    if (token.isEmpty()) {
        Q_EMIT signInRequired(m_refusedName);
        return;
    }
    m_token = token;
    applyToken();
}

void Session::applyToken()
{
    m_api->setAccessToken(m_token);
    for (Room *room : std::as_const(m_rooms)) {
        room->setAccessToken(m_token);
        if (room->connectionState() != ConnectionState::Connected)
            room->reconnectNow();
    }
}

} // namespace Kaiwa::Client
