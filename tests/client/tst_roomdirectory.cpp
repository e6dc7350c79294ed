// SPDX-License-Identifier: MIT
// Room > Browse Rooms against a real kaiwa-server, offscreen: the dialog lists the server's rooms from
// /api/rooms (a Japanese one included), the filter is case- and width-insensitive, Enter in the filter and a
// double click join the room in a new tab, the shortcut is listed in Help > Keyboard Shortcuts, and a server
// that refuses the API (sign-in required) is said in the dialog. Screenshots in English and Japanese.
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include "client/clientsettings.h"
#include "client/room.h"
#include "client/roomdirectorymodel.h"
#include "client/roomlistmodel.h"
#include "client/serverapi.h"
#include "client/tokenstore.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/mainwindow.h"
#include "client/ui/roomdirectorydialog.h"
#include "client/ui/shortcutsdialog.h"
#include "client/ui/windowactions.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QJsonObject>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using Client::RoomDirectoryModel;

class TestRoomDirectory : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    std::unique_ptr<KaiwaTest::ServerProcess> m_server;
    std::unique_ptr<Client::ClientSettings> m_settings;
    Ui::LanguageSwitcher m_languages;
    Client::TokenStore m_tokens{u"kaiwa-test"_s};
    std::unique_ptr<Client::RoomListModel> m_rooms;
    std::unique_ptr<Ui::MainWindow> m_window;

    /// Posts `count` messages to `room` as `user`, and waits until they are stored (acked).
    void post(const QString &room, int count)
    {
        auto client = KaiwaTest::WsClient::connected(m_server->wsUrl(room), true);
        QVERIFY(client);
        QVERIFY(client->waitForFrames(1)); // welcome
        for (int i = 0; i < count; ++i)
            client->sendJson(
                {{"message"_L1, u"message %1 in %2"_s.arg(i).arg(room)}, {"client_id"_L1, u"c%1"_s.arg(i)}});
        QTRY_COMPARE_WITH_TIMEOUT(client->framesOfType(u"ack"_s).size(), qsizetype(count), 10000);
    }

    /// Opens the dialog with its shortcut and waits until the rooms are listed.
    Ui::RoomDirectoryDialog *openDirectory()
    {
        QApplication::setActiveWindow(m_window.get());
        QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
        auto *dialog = m_window->findChild<Ui::RoomDirectoryDialog *>();
        if (!dialog)
            return nullptr;
        [&] { QTRY_VERIFY_WITH_TIMEOUT(!dialog->model()->isLoading(), 10000); }();
        return dialog;
    }

    static QStringList shownNames(const RoomDirectoryModel *model)
    {
        QStringList names;
        for (int row = 0; row < model->rowCount(); ++row)
            names.append(model->nameAt(row));
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        m_server = std::make_unique<KaiwaTest::ServerProcess>(
            QStringList{u"--database"_s, m_directory.filePath(u"kaiwa.sqlite"_s), u"--rate-limit"_s, u"0"_s});
        QVERIFY(m_server->start());
        post(u"lobby"_s, 3);
        post(u"雑談"_s, 2);
        post(u"dev"_s, 1);
        m_settings = std::make_unique<Client::ClientSettings>(
            std::make_unique<QSettings>(m_directory.filePath(u"kaiwa.ini"_s), QSettings::IniFormat));
        m_languages.setLanguage(u"en"_s);
        m_rooms = std::make_unique<Client::RoomListModel>(&m_tokens);
        m_window = std::make_unique<Ui::MainWindow>(m_rooms.get(), *m_settings, &m_languages);
        m_window->resize(760, 560);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_rooms.reset();
    }

    /// Without an open room there is no server to list: said in the status bar, no dialog.
    void noRoomNoDirectory()
    {
        QVERIFY(!m_window->showRoomDirectory());
        QCOMPARE(m_window->statusMessage(), u"Open a room first: the rooms listed are those of its server."_s);
    }

    /// The model reads what /api/rooms says, the unread counts of a signed-in answer included.
    void parsesTheServersAnswer()
    {
        const auto rooms = RoomDirectoryModel::parse(QJsonDocument::fromJson(
            R"([{"room": "lobby", "members": 1, "online": 3, "messages": 12, "last_id": 14,
                 "last_activity": "2026-12-07T04:00:00.000Z", "read_id": 10, "unread": 2, "mentions": 1},
                {"room": "old", "members": 2, "messages": 0, "last_id": 0, "last_activity": null},
                {"members": 5}])"));
        QCOMPARE(rooms.size(), 2);
        QCOMPARE(rooms.at(0).name, u"lobby"_s);
        QCOMPARE(rooms.at(0).online, 3);
        QCOMPARE(rooms.at(0).messages, 12);
        QCOMPARE(rooms.at(0).lastActivity, QDateTime(QDate(2026, 12, 7), QTime(4, 0), Qt::UTC));
        QCOMPARE(rooms.at(0).readId, std::optional<qint64>(10));
        QCOMPARE(rooms.at(0).unread, 2);
        QCOMPARE(rooms.at(0).mentions, 1);
        QCOMPARE(rooms.at(1).online, 2); // an older server's `members`
        QVERIFY(!rooms.at(1).lastActivity.isValid());
        QVERIFY(!rooms.at(1).readId);
        QCOMPARE(RoomDirectoryModel::foldForFilter(u" ＬＯＢＢＹ "_s), u"lobby"_s);
    }

    /// Ctrl+Shift+O lists the rooms; the filter finds by part of a name, whatever its case and width;
    /// Enter in the filter joins the first room shown.
    void filterAndEnterJoin()
    {
        m_window->openRoom({m_server->httpUrl(), u"lobby"_s, u"alice"_s});
        QTRY_COMPARE_WITH_TIMEOUT(m_rooms->roomAt(0)->connectionState(), Client::ConnectionState::Connected, 10000);
        Ui::RoomDirectoryDialog *dialog = openDirectory();
        QVERIFY(dialog);
        QAbstractItemModelTester tester(dialog->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->statusText(), QString());
        QStringList names = shownNames(dialog->model());
        names.sort();
        QCOMPARE(names, (QStringList{u"dev"_s, u"lobby"_s, u"雑談"_s}));
        QCOMPARE(dialog->roomList()->model()->columnCount(), int(RoomDirectoryModel::ColumnCount));
        const int lobby = int(shownNames(dialog->model()).indexOf(u"lobby"_s));
        QCOMPARE(dialog->model()->index(lobby, RoomDirectoryModel::MessagesColumn).data().toString(), u"3"_s);
        QCOMPARE(dialog->model()->index(lobby, RoomDirectoryModel::OnlineColumn).data().toString(), u"1"_s);

        dialog->filterEdit()->setText(u"ＤＥ"_s); // as an input method commits it
        QCOMPARE(shownNames(dialog->model()), QStringList{u"dev"_s});
        dialog->filterEdit()->clear();
        QTest::keyClicks(dialog->filterEdit(), u"xyz"_s);
        QCOMPARE(dialog->model()->rowCount(), 0);
        QCOMPARE(dialog->statusText(), u"No room's name contains “xyz”."_s);
        dialog->filterEdit()->clear();
        dialog->filterEdit()->setText(u"雑"_s);
        QCOMPARE(shownNames(dialog->model()), QStringList{u"雑談"_s});
        QTest::keyClick(dialog->filterEdit(), Qt::Key_Return);
        QTRY_VERIFY(!m_window->findChild<Ui::RoomDirectoryDialog *>());
        QCOMPARE(m_window->tabs()->count(), 2);
        QCOMPARE(m_rooms->roomAt(m_window->tabs()->currentIndex())->address().room, u"雑談"_s);
        QCOMPARE(m_rooms->roomAt(1)->address().name, u"alice"_s); // the name used on that server
    }

    /// A double click on a room joins it; a room already open is switched to.
    void doubleClickJoins()
    {
        Ui::RoomDirectoryDialog *dialog = openDirectory();
        QVERIFY(dialog);
        const int row = int(shownNames(dialog->model()).indexOf(u"dev"_s));
        QVERIFY(row >= 0);
        QTreeView *list = dialog->roomList();
        const QRect rect = list->visualRect(dialog->model()->index(row, 0));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_VERIFY(!m_window->findChild<Ui::RoomDirectoryDialog *>());
        QCOMPARE(m_window->tabs()->count(), 3);
        QCOMPARE(m_rooms->roomAt(m_window->tabs()->currentIndex())->address().room, u"dev"_s);

        dialog = openDirectory();
        QVERIFY(dialog);
        QTest::keyClicks(dialog->filterEdit(), u"lob"_s);
        QTest::keyClick(dialog->filterEdit(), Qt::Key_Return);
        QTRY_VERIFY(!m_window->findChild<Ui::RoomDirectoryDialog *>());
        QCOMPARE(m_window->tabs()->count(), 3);
        QCOMPARE(m_window->tabs()->currentIndex(), 0);
    }

    /// The shortcut is in the menu and in Help > Keyboard Shortcuts, with Find's.
    void listedInTheShortcuts()
    {
        QAction *browse = m_window->windowActions()->action(Ui::WindowActions::BrowseRooms);
        QCOMPARE(browse->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
        Ui::ShortcutsDialog *shortcuts = m_window->showShortcuts();
        const QStringList listed = shortcuts->listedShortcuts();
        QVERIFY(listed.contains(Ui::ShortcutsDialog::keyText(browse->shortcut())));
        QVERIFY(listed.contains(Ui::ShortcutsDialog::keyText(QKeySequence(QKeySequence::Find))));
        shortcuts->close();
    }

    /// A server that asks for a sign-in before it lists anything: the dialog says so instead of showing nothing.
    void refusalIsSaid()
    {
        auto locked = KaiwaTest::ServerProcess::withAccount(m_directory.filePath(u"locked.sqlite"_s), u"carol"_s,
                                                            "correct horse", {u"--require-login"_s});
        QVERIFY(locked && locked->start());
        Client::ServerApi api(locked->httpUrl());
        Ui::RoomDirectoryDialog dialog(&api, u"locked"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.model()->isLoading(), 10000);
        QCOMPARE(dialog.model()->rowCount(), 0);
        QCOMPARE(dialog.statusText(), u"The rooms could not be listed: Sign in to this server first."_s);
    }

    /// The dialog in English and Japanese, for a look (<build>/tests/client/screenshots/).
    void screenshots()
    {
        const QString directory = QStringLiteral(KAIWA_TEST_OUTPUT_DIR) + u"/screenshots"_s;
        QVERIFY(QDir().mkpath(directory));
        for (const QString &language : {u"en"_s, u"ja"_s}) {
            m_languages.setLanguage(language);
            Ui::RoomDirectoryDialog *dialog = openDirectory();
            QVERIFY(dialog);
            QVERIFY(QTest::qWaitForWindowExposed(dialog));
            QCoreApplication::processEvents();
            const QString name = directory + u"/roomdirectory_%1.png"_s.arg(language);
            QVERIFY(dialog->grab().save(name));
            qInfo("saved %s", qPrintable(QDir::toNativeSeparators(name)));
            dialog->reject();
            QTRY_VERIFY(!m_window->findChild<Ui::RoomDirectoryDialog *>());
        }
        m_languages.setLanguage(u"en"_s);
    }
};

QTEST_MAIN(TestRoomDirectory)
#include "tst_roomdirectory.moc"
