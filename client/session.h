// SPDX-License-Identifier: MIT
#pragma once

#include "ownmessagekey.h"
#include "roomaddress.h"
#include "signin.h"

#include <QList>
#include <QObject>
#include <QUrl>

namespace Kaiwa::Client {

class Room;
class ServerApi;
class TokenStore;

/**
 * The client's session with one server: the rooms open there, and the sign-in that opens them. No
 * widgets: the window asks for a password only when signInRequired() says so and hands it to signIn().
 *
 * The session owns the server's sign-in token for the run; the TokenStore writes it to the system
 * keychain for the next runs. The keychain is asked only when the server refuses a room (401), so
 * servers without accounts never wake it: a room first tries as it is, and on 401 gets the token the
 * session knows or the keychain holds. A token the server refuses (expired, signed out, account
 * removed) is forgotten, in the keychain too, and signInRequired() asks for a new sign-in. A room opened
 * once a token is known carries it from its first attempt.
 */
class Session : public QObject
{
    Q_OBJECT
    // roomOpened() and roomClosing() carry a Room *: complete for moc, so that spies and queued calls can hold it.
    Q_MOC_INCLUDE("client/room.h")

public:
    /**
     * `tokens` is not owned and must outlive the session. `ownKey` recognises the messages this client
     * sent (ClientSettings::ownMessageKey(); a random one recognises only those of this run).
     */
    Session(const QUrl &server, TokenStore *tokens, OwnMessageKey ownKey = {}, QObject *parent = nullptr);
    ~Session() override;

    /// The identity of a server address: `http://host:8000` and `http://host:8000/` are one server.
    static QString serverKey(const QUrl &server);

    /// The server's address as the session's first room gave it; the keychain entry is kept under it.
    QUrl server() const { return m_server; }

    /// The server's JSON API, with the session's sign-in token (search, the room directory, unread counts).
    ServerApi *api() const { return m_api; }

    /// The open rooms, in the order they were opened.
    const QList<Room *> &rooms() const { return m_rooms; }
    /// Opens (and connects) a room of this server, or returns the open one of that name. The session owns it.
    Room *openRoom(const RoomAddress &address);
    /// Leaves a room of this session: roomClosing(), then its link closes and it is deleted later.
    void closeRoom(Room *room);

    /// True while a sign-in token is known for this server (signed in, or read from the keychain).
    bool isSignedIn() const { return !m_token.isEmpty(); }
    bool isSigningIn() const { return m_signIn->isRunning(); }
    /// Signs in with an account name and password (SignIn): signedIn() or signInFailed() follows.
    void signIn(const QString &name, const QString &password);

    /**
     * Signed in: asks `/api/rooms` what the account has not read in each room and hands it to the open
     * rooms (Room::setDirectoryCounts()); done whenever a room catches up with the server, so that rooms
     * whose links are not up yet show counts too. One request at a time (a refresh asked meanwhile follows it).
     */
    void refreshUnreadCounts();

Q_SIGNALS:
    void roomOpened(Kaiwa::Client::Room *room);
    /// The room leaves the session; it still exists until control returns to the event loop.
    void roomClosing(Kaiwa::Client::Room *room);
    /**
     * No token works for this server: none is known, or the server refused it. `name` is the display
     * name of the room that was refused, the likely account name.
     */
    void signInRequired(const QString &name);
    /// signIn() worked: the token is kept, and every room not connected reconnects with it.
    void signedIn(const QString &account);
    /// signIn() did not work; `message` is translated and meant for the user.
    void signInFailed(Kaiwa::Client::SignIn::Failure failure, const QString &message);
    /// refreshUnreadCounts() got its answer and handed it to the rooms.
    void unreadCountsRefreshed();

private:
    void onAuthenticationRequired(Room *room);
    void onTokenRead(const QUrl &server, const QByteArray &token);
    void onSignedIn(const QByteArray &token, const QString &account);
    /// Gives the token to every room and reconnects those that are not connected.
    void applyToken();

    /// Whether the keychain was asked for this server's token in this run.
    enum class KeychainRead {
        NotAsked,
        Asking,
        Answered
    };

    QUrl m_server;
    TokenStore *m_tokens;
    SignIn *m_signIn;
    ServerApi *m_api;
    OwnMessageKey m_ownKey;
    QList<Room *> m_rooms; ///< Children of the session.
    QByteArray m_token;
    KeychainRead m_keychainRead = KeychainRead::NotAsked;
    QString m_refusedName; ///< The name of the room refused while the keychain is asked.
    bool m_refreshing = false;
    bool m_refreshAgain = false;
};

} // namespace Kaiwa::Client
