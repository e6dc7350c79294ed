// SPDX-License-Identifier: MIT
// Sign-in tokens in a real keychain, without a display: the test starts a private D-Bus session bus
// and gnome-keyring-daemon (the Secret Service GNOME and most desktops use) with an unlocked login
// keyring in a temporary folder, and a kaiwa-server with --require-login. A token kept in one run
// opens the rooms of the next run without asking; a token the server refuses leaves the keychain.
#include "client/chatlogmodel.h"
#include "client/room.h"
#include "client/roomlistmodel.h"
#include "client/session.h"
#include "client/tokenstore.h"
#include "util/childprocess.h"
#include "util/fixturepolicy.h"
#include "util/httpexchange.h"
#include "util/serverprocess.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusServiceWatcher>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Kaiwa;
using namespace Kaiwa::Client;
using namespace Qt::StringLiterals;

namespace {

const QString s_password = u"correct horse 1"_s;
const QString s_service = u"kaiwa-test"_s;

/**
 * A D-Bus session bus of its own (no service files: nothing is activated behind the test's back) and
 * gnome-keyring-daemon serving org.freedesktop.secrets on it, its keyrings in a temporary folder.
 * start() points this process's DBUS_SESSION_BUS_ADDRESS at that bus.
 */
class KeyringSession
{
public:
    ~KeyringSession()
    {
        for (QProcess *process : {&m_keyring, &m_bus})
            KaiwaTest::ChildProcess::stop(*process, 5000);
    }

    bool start()
    {
        const QString dbusDaemon = QStandardPaths::findExecutable(u"dbus-daemon"_s);
        const QString keyringDaemon = QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s);
        if (dbusDaemon.isEmpty() || keyringDaemon.isEmpty() || !m_dir.isValid()) {
            qWarning("dbus-daemon or gnome-keyring-daemon is not installed (scripts/install-deps.sh --test)");
            return false;
        }
        QFile config(m_dir.filePath(u"bus.conf"_s));
        if (!config.open(QIODevice::WriteOnly))
            return false;
        config.write(
            QStringLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
                           "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                           "<busconfig><type>session</type><listen>unix:dir=%1</listen><auth>EXTERNAL</auth>"
                           "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
                           "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n")
                .arg(m_dir.path())
                .toUtf8());
        config.close();
        m_bus.start(dbusDaemon, {u"--config-file="_s + config.fileName(), u"--nofork"_s, u"--print-address=1"_s});
        if (!m_bus.waitForStarted(10000))
            return false;
        while (!m_bus.canReadLine()) {
            if (!m_bus.waitForReadyRead(10000)) {
                qWarning("dbus-daemon printed no address: %s", m_bus.readAllStandardError().constData());
                return false;
            }
        }
        const QByteArray address = m_bus.readLine().trimmed();
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);

        // Watch before starting the daemon, so its registration cannot be missed.
        QDBusConnection bus = QDBusConnection::connectToBus(QString::fromUtf8(address), u"kaiwa-test-keyring"_s);
        if (!bus.isConnected())
            return false;
        QDBusServiceWatcher watcher(u"org.freedesktop.secrets"_s, bus, QDBusServiceWatcher::WatchForRegistration);
        QSignalSpy registered(&watcher, &QDBusServiceWatcher::serviceRegistered);

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, QString::fromUtf8(address));
        environment.insert(u"HOME"_s, m_dir.path());
        environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
        environment.insert(u"XDG_RUNTIME_DIR"_s, m_dir.path());
        m_keyring.setProcessEnvironment(environment);
        // --unlock reads the login keyring's password from stdin and creates that keyring.
        m_keyring.start(keyringDaemon, {u"--foreground"_s, u"--components=secrets"_s, u"--unlock"_s});
        if (!m_keyring.waitForStarted(10000))
            return false;
        m_keyring.write("keyring password");
        m_keyring.closeWriteChannel();
        if (!bus.interface()->isServiceRegistered(u"org.freedesktop.secrets"_s) && !registered.wait(15000)) {
            qWarning("gnome-keyring-daemon did not serve org.freedesktop.secrets: %s",
                     m_keyring.readAllStandardError().constData());
            return false;
        }
        return true;
    }

private:
    QTemporaryDir m_dir;
    QProcess m_bus;
    QProcess m_keyring;
};

/// One run of the client, without its window: the keychain, and the rooms with their sessions.
struct ClientRun {
    TokenStore store{s_service};
    RoomListModel rooms{&store};
};

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<KeyringSession> m_keyring;
    std::unique_ptr<KaiwaTest::ServerProcess> m_server;
    QUrl serverUrl() const { return m_server->httpUrl(u"/"_s); }

    QByteArray readKeychain(const QUrl &server)
    {
        TokenStore store(s_service);
        QSignalSpy read(&store, &TokenStore::tokenRead);
        store.read(server);
        if (!read.wait(10000))
            return "(no answer)";
        return read.first().at(1).toByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_keyring = std::make_unique<KeyringSession>();
        KAIWA_REQUIRE_FIXTURE(m_keyring->start(), u"gnome-keyring-daemon on a private D-Bus"_s);

        m_server = KaiwaTest::ServerProcess::withAccount(m_dir.filePath(u"kaiwa.sqlite"_s), u"alice"_s,
                                                         s_password.toUtf8(), {u"--require-login"_s});
        QVERIFY(m_server && m_server->start());
    }

    /// The keychain keeps a token across runs, per server, and forgets it when asked.
    void keepsTokensPerServer()
    {
        const QUrl first(u"https://chat.example.org/"_s);
        const QUrl second(u"http://127.0.0.1:8000/"_s);
        {
            TokenStore store(s_service);
            QSignalSpy sessionOnly(&store, &TokenStore::sessionOnly);
            store.store(first, "first token");
            store.store(second, "second token");
            QCOMPARE(readKeychain(first), QByteArray("first token")); // another run of the client
            QCOMPARE(readKeychain(second), QByteArray("second token"));
            QVERIFY(!store.isSessionOnly());
            QCOMPARE(sessionOnly.size(), 0);
            store.remove(first);
        }
        QVERIFY(readKeychain(first).isEmpty());
        QCOMPARE(readKeychain(second), QByteArray("second token"));
    }

    /// Signed in once, the next run connects as the account without asking; once the server ended the
    /// session, the run after that drops the token from the keychain and asks.
    void nextRunSignsInFromKeychainUntilRefused()
    {
        QByteArray token;
        {
            ClientRun run;
            Room *room = run.rooms.openRoom(RoomAddress{serverUrl(), u"lobby"_s, u"alice"_s});
            Session *session = run.rooms.session(serverUrl());
            QVERIFY(session);
            QSignalSpy asked(session, &Session::signInRequired);
            QVERIFY(asked.wait(10000)); // refused anonymously, and the keychain holds nothing yet
            QCOMPARE(asked.first().first().toString(), u"alice"_s);
            QSignalSpy signedIn(session, &Session::signedIn);
            session->signIn(u"alice"_s, s_password);
            QVERIFY(signedIn.wait(10000));
            QTRY_COMPARE_WITH_TIMEOUT(room->connectionState(), ConnectionState::Connected, 10000);
            token = room->accessToken();
            QVERIFY(!token.isEmpty());
        }
        QCOMPARE(readKeychain(serverUrl()), token);

        {
            ClientRun run; // a restart
            Room *room = run.rooms.openRoom(RoomAddress{serverUrl(), u"lobby"_s, u"alice"_s});
            QSignalSpy asked(run.rooms.session(serverUrl()), &Session::signInRequired);
            QTRY_COMPARE_WITH_TIMEOUT(room->connectionState(), ConnectionState::Connected, 10000);
            QCOMPARE(room->accessToken(), token);
            QCOMPARE(room->send(u"back without a password"_s), Room::TextCheck::Sendable);
            QTRY_COMPARE_WITH_TIMEOUT(room->log()->pendingCount(), 0, 10000);
            QCOMPARE(asked.size(), 0);

            // Another reader of the room sees it sent by the account.
            Room reader(RoomAddress{serverUrl(), u"lobby"_s, u"reader"_s}, token);
            QTRY_VERIFY_WITH_TIMEOUT(reader.log()->rowCount() > 0, 10000);
            const QModelIndex message = reader.log()->index(reader.log()->rowCount() - 1);
            QCOMPARE(message.data(ChatLogModel::TextRole).toString(), u"back without a password"_s);
            QCOMPARE(message.data(ChatLogModel::SenderRole).toString(), u"alice"_s);
            QVERIFY(message.data(ChatLogModel::VerifiedRole).toBool());
        }

        // The session ends on the server (as after signing out in a browser with the same token).
        const QByteArray headers = "Authorization: Bearer " + token + "\r\nAccept: application/json\r\n";
        QCOMPARE(KaiwaTest::HttpExchange::run(m_server->port(), "POST", "/logout", headers).status, 200);

        {
            ClientRun run;
            Room *room = run.rooms.openRoom(RoomAddress{serverUrl(), u"lobby"_s, u"alice"_s});
            Session *session = run.rooms.session(serverUrl());
            QSignalSpy asked(session, &Session::signInRequired);
            QVERIFY(asked.wait(10000));
            QCOMPARE(room->accessToken(), token); // it was tried, and refused
            QVERIFY(!session->isSignedIn());
            QCOMPARE(room->connectionState(), ConnectionState::Disconnected);
        }
        QVERIFY(readKeychain(serverUrl()).isEmpty());
    }
};

QTEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
