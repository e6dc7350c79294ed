// SPDX-License-Identifier: MIT
// Revocation reaches open sockets: after POST /logout, `kaiwa-server user passwd|remove` (another
// process on the same database) or a SIGHUP that turns --require-login on, the connections opened
// before end with a documented close code (4001 session ended, 4003 sign-in required), on every
// daemon that shares the database, and what they send afterwards is never posted.
#include "common/protocol.h"
#include "util/fixturepolicy.h"
#include "util/httpexchange.h"
#include "util/rawwebsocket.h"
#include "util/redisserverprocess.h"
#include "util/servercommand.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;
using Kaiwa::Protocol::CloseCode::sessionEnded;
using Kaiwa::Protocol::CloseCode::signInRequired;

namespace {

const QByteArray s_password = "correct horse 1";
const QString s_afterTheEnd = u"posted after the end"_s;

/// Runs `kaiwa-server --database DB user ...` with `input` on stdin; its exit code.
int userCommand(const QString &database, const QStringList &arguments, const QByteArray &input = {})
{
    return ServerCommand::run(QStringList{u"--database"_s, database, u"user"_s} + arguments, input).exitCode;
}

/// A session token from POST /login, as the desktop client gets one.
QByteArray signIn(quint16 port, const QByteArray &name)
{
    return HttpExchange::signIn(port, name, s_password);
}

/**
 * A client that ignores the server's close: it waits for the close frame, then still sends a chat
 * message and only then closes. The daemon must not post that message.
 */
class StubbornClient
{
public:
    bool open(quint16 port, const QString &room, const QByteArray &token = {})
    {
        QByteArray path = "/ws/chat/" + room.toUtf8() + '/';
        if (!token.isEmpty())
            path += "?token=" + token;
        return m_socket.open(port, path);
    }

    /// Waits for the daemon's close frame; its code (0 when none came in time).
    quint16 waitForCloseCode(int timeoutMs = 10000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            m_frames += m_socket.readFrames(100);
            if (const quint16 code = RawWebSocket::closeCode(m_frames))
                return code;
        }
        return 0;
    }

    void post(const QString &text)
    {
        m_socket.sendFrame(0x1, QJsonDocument(QJsonObject{{"message"_L1, text}}).toJson(QJsonDocument::Compact));
    }

    /// Sends a message after the close, then the close reply, and waits for the daemon to hang up.
    void postAfterTheEnd()
    {
        post(s_afterTheEnd);
        m_socket.sendFrame(0x8, QByteArray("\x03\xe8", 2));
        m_socket.readUntilClosed();
    }

private:
    RawWebSocket m_socket;
    QList<RawWebSocket::Frame> m_frames;
};

/// Waits for a QWebSocket client to be closed by the daemon; its close code.
int closeCodeOf(WsClient &client)
{
    if (!client.waitForClose())
        return -1;
    return int(client.socket().closeCode());
}

} // namespace

class TestRevocation : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString database(const QString &name) const { return m_dir.filePath(name + u".sqlite"_s); }

    /// A database with the accounts alice and bob.
    bool createAccounts(const QString &path)
    {
        return ServerCommand::addUser(path, u"alice"_s, s_password)
               && ServerCommand::addUser(path, u"bob"_s, s_password);
    }

    /// After the ended clients tried to post: a message from `witness` arrives, the late one never.
    static void verifyNothingPostedAfterTheEnd(WsClient &witness, WsClient &observer)
    {
        witness.sendJson({{"message"_L1, u"marker"_s}});
        QTRY_VERIFY_WITH_TIMEOUT(observer.chatTexts().contains(u"marker"_s), 10000);
        QVERIFY(!observer.chatTexts().contains(s_afterTheEnd));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void logoutEndsThatSessionsConnections()
    {
        const QString db = database(u"logout"_s);
        QVERIFY(createAccounts(db));
        ServerProcess server({u"--database"_s, db});
        QVERIFY(server.start());
        const quint16 port = server.port();
        const QByteArray laptop = signIn(port, "alice");
        const QByteArray phone = signIn(port, "alice");
        QVERIFY(!laptop.isEmpty() && !phone.isEmpty());

        WsClient observer;
        QVERIFY(observer.open(server.wsUrl(u"room"_s)));
        WsClient onLaptop;
        QVERIFY(onLaptop.open(server.wsUrl(u"room"_s, tokenQuery(laptop))));
        StubbornClient stubborn;
        QVERIFY(stubborn.open(port, u"room"_s, laptop));
        WsClient onPhone;
        QVERIFY(onPhone.open(server.wsUrl(u"room"_s, tokenQuery(phone))));
        onLaptop.sendJson({{"message"_L1, u"signed in"_s}});
        QTRY_VERIFY(observer.chatTexts().contains(u"signed in"_s));

        QCOMPARE(HttpExchange::run(port, "POST", "/logout",
                                   "Accept: application/json\r\nAuthorization: Bearer " + laptop + "\r\n")
                     .status,
                 200);
        QCOMPARE(closeCodeOf(onLaptop), int(sessionEnded));
        QCOMPARE(onLaptop.socket().closeReason(), u"session ended"_s);
        QCOMPARE(stubborn.waitForCloseCode(), sessionEnded);
        stubborn.postAfterTheEnd();
        // The other session of the account is not touched.
        QCOMPARE(onPhone.socket().state(), QAbstractSocket::ConnectedState);
        verifyNothingPostedAfterTheEnd(onPhone, observer);
        QVERIFY(server.waitForLog("closed 2 connection(s) with 4001 session ended of alice"));
    }

    void passwordChangeEndsConnectionsOpenedBefore()
    {
        const QString db = database(u"passwd"_s);
        QVERIFY(createAccounts(db));
        ServerProcess server({u"--database"_s, db});
        QVERIFY(server.start());
        const quint16 port = server.port();
        const QByteArray alice = signIn(port, "alice");
        const QByteArray bob = signIn(port, "bob");
        WsClient aliceClient;
        QVERIFY(aliceClient.open(server.wsUrl(u"room"_s, tokenQuery(alice))));
        StubbornClient stubborn;
        QVERIFY(stubborn.open(port, u"room"_s, alice));
        WsClient bobClient;
        QVERIFY(bobClient.open(server.wsUrl(u"room"_s, tokenQuery(bob))));

        // Another process changes the password in the database the daemon uses.
        QCOMPARE(userCommand(db, {u"passwd"_s, u"alice"_s}, "a new password 2\n"), 0);
        QCOMPARE(closeCodeOf(aliceClient), int(sessionEnded));
        QCOMPARE(stubborn.waitForCloseCode(), sessionEnded);
        stubborn.postAfterTheEnd();
        QCOMPARE(bobClient.socket().state(), QAbstractSocket::ConnectedState);
        WsClient observer;
        QVERIFY(observer.open(server.wsUrl(u"room"_s)));
        verifyNothingPostedAfterTheEnd(bobClient, observer);
    }

    void removedAccountEndsConnectionsOnEveryDaemon()
    {
        RedisServerProcess redis;
        KAIWA_REQUIRE_FIXTURE(redis.start(), u"redis-server"_s);
        const QString db = database(u"remove"_s);
        QVERIFY(createAccounts(db));
        // Two daemons on one machine share one SQLite file and rooms through Redis.
        ServerProcess first({u"--database"_s, db, u"--redis"_s, redis.url()});
        ServerProcess second({u"--database"_s, db, u"--redis"_s, redis.url()});
        QVERIFY(first.start());
        QVERIFY(second.start());
        const QByteArray alice = signIn(first.port(), "alice");
        const QByteArray otherAlice = signIn(second.port(), "alice");
        const QByteArray bob = signIn(first.port(), "bob");
        WsClient onFirst;
        QVERIFY(onFirst.open(first.wsUrl(u"room"_s, tokenQuery(alice))));
        WsClient onSecond;
        QVERIFY(onSecond.open(second.wsUrl(u"room"_s, tokenQuery(alice))));
        StubbornClient stubborn;
        QVERIFY(stubborn.open(second.port(), u"room"_s, otherAlice));
        WsClient bobClient;
        QVERIFY(bobClient.open(second.wsUrl(u"room"_s, tokenQuery(bob))));

        // Signing out on the first daemon ends the session's connection on the second too.
        QCOMPARE(HttpExchange::run(first.port(), "POST", "/logout",
                                   "Accept: application/json\r\nAuthorization: Bearer " + alice + "\r\n")
                     .status,
                 200);
        QCOMPARE(closeCodeOf(onFirst), int(sessionEnded));
        QCOMPARE(closeCodeOf(onSecond), int(sessionEnded));
        // Another session of the account, checked in the same pass on the second daemon: still open.
        stubborn.post(u"other session"_s);
        QTRY_VERIFY_WITH_TIMEOUT(bobClient.chatTexts().contains(u"other session"_s), 10000);

        QCOMPARE(userCommand(db, {u"remove"_s, u"alice"_s}), 0);
        QCOMPARE(stubborn.waitForCloseCode(), sessionEnded);
        stubborn.postAfterTheEnd();
        QCOMPARE(bobClient.socket().state(), QAbstractSocket::ConnectedState);
        WsClient observer;
        QVERIFY(observer.open(first.wsUrl(u"room"_s)));
        verifyNothingPostedAfterTheEnd(bobClient, observer);
    }

    void requiringSignInOnReloadEndsAnonymousConnections()
    {
        const QString db = database(u"reload"_s);
        QVERIFY(createAccounts(db));
        const QString config = m_dir.filePath(u"reload.conf"_s);
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("require-login=false\ndatabase=" + db.toUtf8() + "\n");
        file.close();
        ServerProcess server({u"--config"_s, config});
        QVERIFY(server.start());
        const quint16 port = server.port();
        WsClient anonymous;
        QVERIFY(anonymous.open(server.wsUrl(u"room"_s, u"name=alice"_s)));
        StubbornClient stubborn;
        QVERIFY(stubborn.open(port, u"room"_s));
        const QByteArray token = signIn(port, "alice");
        WsClient signedIn;
        QVERIFY(signedIn.open(server.wsUrl(u"room"_s, tokenQuery(token))));
        WsClient observer;
        QVERIFY(observer.open(server.wsUrl(u"room"_s, tokenQuery(signIn(port, "bob")))));

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("require-login=true\ndatabase=" + db.toUtf8() + "\n");
        file.close();
        server.reload();
        QCOMPARE(closeCodeOf(anonymous), int(signInRequired));
        QCOMPARE(anonymous.socket().closeReason(), u"sign-in required"_s);
        QCOMPARE(stubborn.waitForCloseCode(), signInRequired);
        stubborn.postAfterTheEnd();
        QCOMPARE(signedIn.socket().state(), QAbstractSocket::ConnectedState);
        verifyNothingPostedAfterTheEnd(signedIn, observer);
        QCOMPARE(observer.socket().state(), QAbstractSocket::ConnectedState);
    }
};

QTEST_GUILESS_MAIN(TestRevocation)
#include "tst_revocation.moc"
