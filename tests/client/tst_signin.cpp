// SPDX-License-Identifier: MIT
// The desktop client against a kaiwa-server with --require-login: the refused upgrade (401) is
// reported instead of retried, SignIn gets a token (or says why not), the token opens the room as
// the verified account, and the main window asks with a LoginDialog while the server's Session signs
// in and reconnects its rooms. No keychain service runs here (the session bus points nowhere): tokens
// are kept for the run only, and the window says so once. tst_keychain covers a real keychain.
#include "client/clientsettings.h"
#include "client/room.h"
#include "client/roomconnection.h"
#include "client/roomlistmodel.h"
#include "client/session.h"
#include "client/signin.h"
#include "client/tokenstore.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/logindialog.h"
#include "client/ui/mainwindow.h"
#include "util/serverprocess.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Kaiwa;
using namespace Kaiwa::Client;
using namespace Qt::StringLiterals;

namespace {
const QString s_password = u"correct horse 1"_s;
}

class TestSignIn : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<KaiwaTest::ServerProcess> m_server;
    QUrl serverUrl() const { return m_server->httpUrl(u"/"_s); }

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

    void refusedThenSignedIn()
    {
        RoomConnection connection(RoomAddress{serverUrl(), u"lobby"_s, u"mallory"_s});
        QSignalSpy required(&connection, &RoomConnection::authenticationRequired);
        connection.open();
        QVERIFY(required.wait(10000));
        QCOMPARE(connection.state(), ConnectionState::Disconnected); // not retried in a loop
        QVERIFY(connection.needsUserAction());
        QCOMPARE(connection.errorString(), u"This server requires signing in."_s);

        SignIn signIn;
        QSignalSpy failed(&signIn, &SignIn::failed);
        QSignalSpy succeeded(&signIn, &SignIn::succeeded);
        signIn.start(serverUrl(), u"alice"_s, u"wrong password"_s);
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().first().value<SignIn::Failure>(), SignIn::Failure::WrongCredentials);

        signIn.start(serverUrl(), u"alice"_s, s_password);
        QVERIFY(succeeded.wait(10000));
        const QByteArray token = succeeded.first().first().toByteArray();
        QCOMPARE(token.size(), qsizetype(43));
        QCOMPARE(succeeded.first().at(1).toString(), u"alice"_s);

        connection.setAccessToken(token);
        QSignalSpy received(&connection, &RoomConnection::messageReceived);
        connection.reconnectNow();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ConnectionState::Connected, 10000);
        connection.sendMessage(u"from the desktop"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!received.isEmpty(), 10000);
        const auto message = received.last().first().value<ChatMessage>();
        QCOMPARE(message.user, u"alice"_s); // the account, not the display name asked for
        QVERIFY(message.verified);
        connection.close();
    }

    void throttledIsExplained()
    {
        // A separate daemon, so that this address's failures do not affect the other tests; with a
        // database of its own (a second daemon without --redis on one SQLite file is refused).
        const auto server = KaiwaTest::ServerProcess::withAccount(m_dir.filePath(u"throttled.sqlite"_s), u"alice"_s,
                                                                  s_password.toUtf8(), {u"--login-attempts"_s, u"1"_s});
        QVERIFY(server && server->start());
        SignIn signIn;
        QSignalSpy failed(&signIn, &SignIn::failed);
        const QUrl url = server->httpUrl();
        signIn.start(url, u"alice"_s, u"wrong"_s);
        QVERIFY(failed.wait(10000));
        signIn.start(url, u"alice"_s, s_password);
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.last().first().value<SignIn::Failure>(), SignIn::Failure::Throttled);
        QVERIFY(signIn.retryAfterSeconds() > 0);
        QVERIFY(failed.last().at(1).toString().contains(u"Too many failed attempts"_s));
    }

    void mainWindowAsksAndReconnects()
    {
        QTemporaryDir settingsDir;
        ClientSettings settings(
            std::make_unique<QSettings>(settingsDir.filePath(u"kaiwa.ini"_s), QSettings::IniFormat));
        Ui::LanguageSwitcher languages;
        languages.setLanguage(u"en"_s);
        TokenStore tokenStore(u"kaiwa-test"_s);
        RoomListModel rooms(&tokenStore);
        Ui::MainWindow window(&rooms, settings, &languages);
        QSignalSpy messages(window.statusBar(), &QStatusBar::messageChanged);
        window.show();
        window.openRoom(RoomAddress{serverUrl(), u"lobby"_s, u"alice"_s});
        window.openRoom(RoomAddress{serverUrl(), u"second"_s, u"alice"_s});

        Ui::LoginDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = window.findChild<Ui::LoginDialog *>()) && dialog->isVisible(), 10000);
        auto *name = dialog->findChild<QLineEdit *>(u"accountNameInput"_s);
        auto *password = dialog->findChild<QLineEdit *>(u"passwordInput"_s);
        auto *message = dialog->findChild<QLabel *>(u"signInMessage"_s);
        auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(name && password && message && ok);
        QCOMPARE(name->text(), u"alice"_s); // the display name is the likely account name
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QVERIFY(!ok->isEnabled());

        QTest::keyClicks(password, u"not it"_s);
        ok->click();
        QTRY_COMPARE_WITH_TIMEOUT(message->text(), u"Wrong account name or password."_s, 10000);
        QVERIFY(password->text().isEmpty());
        QVERIFY(dialog->isVisible());

        // The keychain was asked for a token when the server refused, and could not answer: said once.
        const QString sessionOnly = u"No keychain is available: you stay signed in until Kaiwa quits."_s;
        QVERIFY(tokenStore.isSessionOnly());
        QCOMPARE(window.statusBar()->currentMessage(), sessionOnly);

        QTest::keyClicks(password, s_password);
        ok->click();
        // Both rooms of the server reconnect with the one sign-in.
        QTRY_VERIFY_WITH_TIMEOUT(rooms.roomAt(0)->connectionState() == ConnectionState::Connected, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(rooms.roomAt(1)->connectionState() == ConnectionState::Connected, 10000);
        QCOMPARE(rooms.roomAt(0)->accessToken(), rooms.roomAt(1)->accessToken());
        QVERIFY(rooms.session(serverUrl())->isSignedIn());

        // A room opened later on that server uses the session's token from its first attempt: no question.
        window.openRoom(RoomAddress{serverUrl(), u"third"_s, u"alice"_s});
        QTRY_VERIFY_WITH_TIMEOUT(rooms.roomAt(2)->connectionState() == ConnectionState::Connected, 10000);
        QCOMPARE(rooms.roomAt(2)->accessToken(), rooms.roomAt(0)->accessToken());
        QVERIFY(!window.findChild<Ui::LoginDialog *>());
        QCOMPARE(messages.count(QVariantList{sessionOnly}), 1);
    }

    /// Without a keychain the store says so once, keeps nothing and reads nothing back: tokens live in their Session.
    void tokensWithoutKeychain()
    {
        TokenStore store(u"kaiwa-test"_s);
        QSignalSpy sessionOnly(&store, &TokenStore::sessionOnly);
        QSignalSpy read(&store, &TokenStore::tokenRead);
        const QUrl first(u"https://chat.example.org/"_s);
        const QUrl second(u"http://127.0.0.1:8000/"_s);
        store.store(first, "first token");
        QVERIFY(sessionOnly.wait(10000));
        QVERIFY(store.isSessionOnly());
        store.store(second, "second token");
        store.read(second);
        QVERIFY(read.wait(10000));
        QCOMPARE(read.first().first().toUrl(), second);
        QVERIFY(read.first().at(1).toByteArray().isEmpty());
        store.remove(first);
        QCOMPARE(sessionOnly.size(), 1);
    }
};

QTEST_MAIN(TestSignIn)
#include "tst_signin.moc"
