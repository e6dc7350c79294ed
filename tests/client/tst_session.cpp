// SPDX-License-Identifier: MIT
// Client::Session, in process, without a window: one session per server in the RoomListModel, the
// rooms it owns, and its sign-in against a real kaiwa-server with --require-login (a refused room asks
// once, one sign-in opens every room of the server, a later room carries the token from its first
// attempt, a token the server ended is forgotten). No keychain service runs here (the session bus
// points nowhere): the session's token is the only one of the run. tst_keychain covers a real keychain.
#include "client/room.h"
#include "client/roomlistmodel.h"
#include "client/session.h"
#include "client/tokenstore.h"
#include "util/httpexchange.h"
#include "util/serverprocess.h"

#include <QAbstractItemModelTester>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Kaiwa::Client;
using namespace Qt::StringLiterals;

namespace {

const QString s_password = u"correct horse 1"_s;

/// Everything a test needs of the client without its window: the keychain, the rooms and their sessions.
struct ClientRun {
    TokenStore tokens{u"kaiwa-test"_s};
    RoomListModel rooms{&tokens};
    QAbstractItemModelTester tester{&rooms, QAbstractItemModelTester::FailureReportingMode::QtTest};
};

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<KaiwaTest::ServerProcess> m_server;
    QUrl serverUrl() const { return m_server->httpUrl(u"/"_s); }
    RoomAddress address(const QString &room) const { return {serverUrl(), room, u"alice"_s}; }

    /// Signs `session` in as alice; false when it did not work.
    static bool signIn(Session *session, const QString &password = s_password)
    {
        QSignalSpy signedIn(session, &Session::signedIn);
        QSignalSpy failed(session, &Session::signInFailed);
        session->signIn(u"alice"_s, password);
        return QTest::qWaitFor([&] { return !signedIn.isEmpty() || !failed.isEmpty(); }, 10000) && !signedIn.isEmpty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // As in CI and containers: no D-Bus session, so no Secret Service, and never the developer's keychain.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + QFile::encodeName(m_dir.filePath(u"no-bus"_s)));
        m_server = KaiwaTest::ServerProcess::withAccount(m_dir.filePath(u"kaiwa.sqlite"_s), u"alice"_s,
                                                         s_password.toUtf8(), {u"--require-login"_s});
        QVERIFY(m_server && m_server->start());
    }

    /// One session per server, however its address is spelled; it owns that server's rooms.
    void oneSessionPerServer()
    {
        ClientRun client;
        QSignalSpy added(&client.rooms, &RoomListModel::sessionAdded);
        // Nothing listens on the discard port: the rooms keep trying, which is all this test needs.
        const QUrl server(u"http://127.0.0.1:9/"_s);
        const QUrl sameServer(u"http://127.0.0.1:9"_s);
        const QUrl otherServer(u"http://localhost:9/"_s);
        Room *lobby = client.rooms.openRoom({server, u"lobby"_s, u"alice"_s});
        Room *second = client.rooms.openRoom({sameServer, u"second"_s, u"alice"_s});
        Room *elsewhere = client.rooms.openRoom({otherServer, u"lobby"_s, u"alice"_s});
        QCOMPARE(added.size(), 2);
        Session *session = client.rooms.session(server);
        QVERIFY(session);
        QCOMPARE(client.rooms.session(sameServer), session);
        QCOMPARE(added.first().first().value<Session *>(), session);
        QCOMPARE(session->server(), server);
        QCOMPARE(session->rooms(), (QList<Room *>{lobby, second}));
        QCOMPARE(client.rooms.session(otherServer)->rooms(), QList<Room *>{elsewhere});
        QCOMPARE(lobby->parent(), session);
        QVERIFY(!client.rooms.session(QUrl(u"http://127.0.0.1:10/"_s)));

        // The same room through the session or the model, whatever the display name: one room, one row.
        QCOMPARE(session->openRoom({sameServer, u"lobby"_s, u"bob"_s}), lobby);
        QCOMPARE(client.rooms.openRoom({server, u"second"_s, {}}), second);
        QCOMPARE(client.rooms.rowCount(), 3);

        // A room opened through the session is a row of the model too, at the end.
        Room *third = session->openRoom({server, u"third"_s, u"alice"_s});
        QCOMPARE(client.rooms.rowCount(), 4);
        QCOMPARE(client.rooms.roomAt(3), third);

        // Closed through the session: the row goes first, the room once control returns to the event loop.
        QSignalSpy closing(session, &Session::roomClosing);
        QPointer<Room> closed = lobby;
        session->closeRoom(lobby);
        QCOMPARE(closing.size(), 1);
        QCOMPARE(closing.first().first().value<Room *>(), lobby);
        QCOMPARE(client.rooms.rowCount(), 3);
        QCOMPARE(client.rooms.rowOf(lobby), -1);
        QCOMPARE(session->rooms(), (QList<Room *>{second, third}));
        QTRY_VERIFY(closed.isNull());
        session->closeRoom(lobby); // no longer its room: ignored
        QCOMPARE(closing.size(), 1);

        // Closed through the model: the same way out. The session stays when its last room goes.
        client.rooms.closeRoom(client.rooms.rowOf(second));
        client.rooms.closeRoom(client.rooms.rowOf(third));
        QCOMPARE(closing.size(), 3);
        QVERIFY(session->rooms().isEmpty());
        QCOMPARE(client.rooms.session(server), session);
        QCOMPARE(client.rooms.rowCount(), 1);
    }

    /// A server that refuses its rooms asks for a sign-in; one sign-in opens them all, as the account.
    void signInOpensEveryRoomOfTheServer()
    {
        ClientRun client;
        Room *lobby = client.rooms.openRoom(address(u"lobby"_s));
        Room *second = client.rooms.openRoom(address(u"second"_s));
        Session *session = client.rooms.session(serverUrl());
        QSignalSpy asked(session, &Session::signInRequired);
        QVERIFY(asked.wait(10000));                             // after asking the keychain, which cannot answer here
        QCOMPARE(asked.first().first().toString(), u"alice"_s); // the display name, the likely account
        QVERIFY(client.tokens.isSessionOnly());
        QVERIFY(!session->isSignedIn());
        for (Room *room : {lobby, second}) {
            QTRY_VERIFY_WITH_TIMEOUT(room->needsUserAction(), 10000); // not retried in a loop
            QCOMPARE(room->connectionState(), ConnectionState::Disconnected);
            QCOMPARE(room->errorString(), u"This server requires signing in."_s);
        }

        QSignalSpy failed(session, &Session::signInFailed);
        QVERIFY(!signIn(session, u"wrong password"_s));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<SignIn::Failure>(), SignIn::Failure::WrongCredentials);
        QCOMPARE(failed.first().at(1).toString(), u"Wrong account name or password."_s);
        QVERIFY(!session->isSignedIn());
        QVERIFY(!session->isSigningIn());
        QCOMPARE(lobby->connectionState(), ConnectionState::Disconnected);

        QSignalSpy signedIn(session, &Session::signedIn);
        QVERIFY(signIn(session));
        QCOMPARE(signedIn.first().first().toString(), u"alice"_s);
        QVERIFY(session->isSignedIn());
        QTRY_COMPARE_WITH_TIMEOUT(lobby->connectionState(), ConnectionState::Connected, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(second->connectionState(), ConnectionState::Connected, 10000);
        QVERIFY(!lobby->accessToken().isEmpty());
        QCOMPARE(second->accessToken(), lobby->accessToken());

        // A room opened now carries the token before its first attempt: the server never refuses it.
        const int questions = int(asked.size());
        Room *third = client.rooms.openRoom(address(u"third"_s));
        QCOMPARE(third->accessToken(), lobby->accessToken());
        QTRY_COMPARE_WITH_TIMEOUT(third->connectionState(), ConnectionState::Connected, 10000);

        // The token is the session's for the run, not its rooms': with every room closed, the next one still has it.
        for (Room *room : {lobby, second, third})
            session->closeRoom(room);
        Room *again = client.rooms.openRoom(address(u"lobby"_s));
        QVERIFY(again != lobby);
        QTRY_COMPARE_WITH_TIMEOUT(again->connectionState(), ConnectionState::Connected, 10000);
        QCOMPARE(asked.size(), questions);
    }

    /// A token the server ended is forgotten, and the next room asks for a sign-in again.
    void refusedTokenIsForgotten()
    {
        ClientRun client;
        Room *room = client.rooms.openRoom(address(u"lobby"_s));
        Session *session = client.rooms.session(serverUrl());
        QSignalSpy asked(session, &Session::signInRequired);
        QVERIFY(asked.wait(10000));
        QVERIFY(signIn(session));
        QTRY_COMPARE_WITH_TIMEOUT(room->connectionState(), ConnectionState::Connected, 10000);
        const QByteArray token = room->accessToken();

        // The session ends on the server (as after signing out in a browser with the same token).
        const QByteArray headers = "Authorization: Bearer " + token + "\r\nAccept: application/json\r\n";
        QCOMPARE(KaiwaTest::HttpExchange::run(m_server->port(), "POST", "/logout", headers).status, 200);

        asked.clear();
        session->closeRoom(room);
        Room *next = client.rooms.openRoom(address(u"second"_s));
        QCOMPARE(next->accessToken(), token);
        QVERIFY(asked.wait(10000));
        QCOMPARE(next->accessToken(), token); // it was tried, and refused
        QVERIFY(!session->isSignedIn());
        QCOMPARE(next->connectionState(), ConnectionState::Disconnected);
        QCOMPARE(next->errorString(), u"Your sign-in has expired or was ended; sign in again."_s);

        // A new sign-in brings the room back.
        QVERIFY(signIn(session));
        QTRY_COMPARE_WITH_TIMEOUT(next->connectionState(), ConnectionState::Connected, 10000);
        QVERIFY(next->accessToken() != token);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
