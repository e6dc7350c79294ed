// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace Kaiwa::Client {

class Room;
class RoomListModel;
class TokenStore;

/**
 * Gives each server's sign-in token to that server's rooms. No widgets: the window only asks for a
 * password when signInRequired() says so and hands the result to signedIn().
 *
 * The keychain is asked only when a server refuses a room (401), so servers without accounts never
 * wake it: a room first tries as it is, and on 401 gets the token this run knows or the keychain
 * holds. A token the server refuses (expired, signed out, account removed) is removed from the
 * TokenStore, keychain included, and the user is asked to sign in again.
 */
class TokenKeeper : public QObject
{
    Q_OBJECT

public:
    /// Neither is owned; both must outlive the keeper.
    TokenKeeper(RoomListModel *rooms, TokenStore *store, QObject *parent = nullptr);
    ~TokenKeeper() override;

    TokenStore *store() const { return m_store; }

    /// A sign-in to `server` succeeded: keeps the token and reconnects that server's waiting rooms with it.
    void signedIn(const QUrl &server, const QByteArray &token);

Q_SIGNALS:
    /**
     * No token works for `server`: none is known, or the server refused it. `name` is the display
     * name of the room that was refused, the likely account name.
     */
    void signInRequired(const QUrl &server, const QString &name);

private:
    void onRoomsInserted(int first, int last);
    void onAuthenticationRequired(Room *room);
    void onTokenRead(const QUrl &server, const QByteArray &token);
    /// Gives the token to every room of the server and reconnects those that are not connected.
    void applyToken(const QUrl &server, const QByteArray &token);

    QPointer<RoomListModel> m_rooms;
    TokenStore *m_store;
    /// Servers refused without a token while the keychain is asked, with the name that was refused.
    QHash<QString, QString> m_waiting;
};

} // namespace Kaiwa::Client
