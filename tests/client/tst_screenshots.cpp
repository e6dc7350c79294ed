// SPDX-License-Identifier: MIT
// Screenshots of the window for a reviewer, against a real kaiwa-server: a room with several people
// (one with a very long name, one writing Japanese, emoji), in English and Japanese, light and dark,
// narrow (380 px) and wide (900 px); the emoji picker, the shortcuts dialog and the About box; and the
// room offline. Run at 1× and at 2× (QT_SCALE_FACTOR=2); files in <build>/tests/client/screenshots/,
// named chrome-<language>-<scale>-<theme>-<what>.png. It checks what it can of each picture (its size,
// the theme's background), and the reviewer looks at the rest.
#include "offscreenscreen.h"
#include "util/chatendpoint.h"

#include "client/chatlogmodel.h"
#include "client/clientsettings.h"
#include "client/memberlistmodel.h"
#include "client/room.h"
#include "client/roomlistmodel.h"
#include "client/tokenstore.h"
#include "client/ui/aboutdialog.h"
#include "client/ui/emojipicker.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/mainwindow.h"
#include "client/ui/messageinput.h"
#include "client/ui/roomview.h"
#include "client/ui/shortcutsdialog.h"
#include "client/ui/themeswitcher.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDir>
#include <QListView>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using Theme = Ui::ThemeSwitcher::Theme;

class TestScreenshots : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<KaiwaTest::ChatEndpoint> m_server;
    QTemporaryDir m_directory;
    std::unique_ptr<Client::ClientSettings> m_settings;
    Ui::LanguageSwitcher m_languages;
    Client::TokenStore m_tokens{u"kaiwa-test"_s};
    std::unique_ptr<Client::RoomListModel> m_rooms;
    std::unique_ptr<Ui::MainWindow> m_window;
    std::vector<std::unique_ptr<Client::Room>> m_others;

    QString scale() const { return m_window->devicePixelRatio() > 1.5 ? u"2x"_s : u"1x"_s; }

    /// Saves `widget` as chrome-<language>-<scale>-<theme>-<what>.png; returns the picture.
    QImage shoot(QWidget *widget, const QString &language, Theme theme, const QString &what)
    {
        // The posted LanguageChange, then the layout requests the new words make (a menu bar laid out for
        // the old ones shows only its extension arrow until then).
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const QString directory = QStringLiteral(KAIWA_TEST_OUTPUT_DIR) + u"/screenshots"_s;
        QDir().mkpath(directory);
        const QString themeName = theme == Theme::Dark ? u"dark"_s : u"light"_s;
        const QString path = u"%1/chrome-%2-%3-%4-%5.png"_s.arg(directory, language, scale(), themeName, what);
        const QImage image = widget->grab().toImage();
        if (!image.save(path))
            qWarning("could not save %s", qPrintable(path));
        return image;
    }

    /// Checks the picture's size and its background against the theme.
    void checkPicture(const QImage &image, const QWidget *widget, Theme theme)
    {
        QCOMPARE(image.size(), widget->size() * widget->devicePixelRatio());
        const QColor corner = image.pixelColor(2, image.height() - 3); // the window's bottom left corner
        QVERIFY2((corner.lightnessF() < 0.3) == (theme == Theme::Dark), qPrintable(corner.name()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // A history of its own: the platform's default database is shared by every run (and the 2x run).
        m_server = KaiwaTest::ChatEndpoint::fromEnvironment({});
        QVERIFY(m_server->start());
        QVERIFY(m_directory.isValid());
        m_settings = std::make_unique<Client::ClientSettings>(
            std::make_unique<QSettings>(m_directory.filePath(u"kaiwa.ini"_s), QSettings::IniFormat));
        m_languages.setLanguage(u"en"_s);
        m_rooms = std::make_unique<Client::RoomListModel>(&m_tokens);
        m_window = std::make_unique<Ui::MainWindow>(m_rooms.get(), *m_settings, &m_languages);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));

        // The scene: alice (this window) in lobby with three others, and a second room.
        const QUrl server = m_server->httpUrl();
        m_window->openRoom({server, u"lobby"_s, u"alice"_s});
        Client::Room *lobby = m_rooms->roomAt(0);
        QTRY_COMPARE_WITH_TIMEOUT(lobby->connectionState(), Client::ConnectionState::Connected, 10000);
        for (const QString &name : {u"bob"_s, u"花子"_s, u"Bartholomew-Maximilian von Aschenbach-Wolkenstein"_s}) {
            m_others.push_back(std::make_unique<Client::Room>(Client::RoomAddress{server, u"lobby"_s, name}));
            QTRY_COMPARE_WITH_TIMEOUT(m_others.back()->connectionState(), Client::ConnectionState::Connected, 10000);
        }
        QTRY_COMPARE_WITH_TIMEOUT(lobby->members()->count(), 4, 10000);
        int expected = 0;
        const auto say = [&expected](Client::Room *room, const QString &text) {
            QCOMPARE(room->send(text), Client::Room::TextCheck::Sendable);
            ++expected;
        };
        say(m_others.at(0).get(), u"Morning! The notes are at https://example.org/notes"_s);
        say(m_others.at(1).get(), u"おはようございます！今日は雑談しましょう 🎉"_s);
        say(lobby, u"Morning 👍 I'll read them"_s);
        say(m_others.at(2).get(), u"Hello from a very long name."_s);
        QTRY_COMPARE_WITH_TIMEOUT(lobby->log()->rowCount(), expected, 10000);
        m_window->openRoom({server, u"雑談"_s, u"alice"_s});
        QTRY_COMPARE_WITH_TIMEOUT(m_rooms->roomAt(1)->connectionState(), Client::ConnectionState::Connected, 10000);
        m_window->tabs()->setCurrentIndex(0);
        m_window->currentRoomView()->input()->setPlainText(u"Typing 👍🎉 here"_s);
    }

    void cleanupTestCase()
    {
        m_window->themes()->setTheme(Theme::System);
        m_window.reset();
        m_others.clear();
        m_rooms.reset();
    }

    void window_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<Theme>("theme");
        for (const QString &language : {u"en"_s, u"ja"_s}) {
            for (const Theme theme : {Theme::Light, Theme::Dark})
                QTest::addRow("%s-%s", qPrintable(language), theme == Theme::Dark ? "dark" : "light")
                    << language << theme;
        }
    }

    void window()
    {
        QFETCH(QString, language);
        QFETCH(Theme, theme);
        m_languages.setLanguage(language);
        m_window->themes()->setTheme(theme);
        for (const auto &[what, width] : {std::pair{u"narrow"_s, 380}, std::pair{u"wide"_s, 900}}) {
            m_window->resize(width, 620);
            const QImage image = shoot(m_window.get(), language, theme, what);
            checkPicture(image, m_window.get(), theme);
        }

        // The popups and dialogs, each a window of its own.
        Ui::RoomView *view = m_window->currentRoomView();
        view->showEmojiPicker();
        QTRY_VERIFY(view->emojiPicker()->isVisible());
        shoot(view->emojiPicker(), language, theme, u"emojipicker"_s);
        view->emojiPicker()->hide();
        Ui::ShortcutsDialog *shortcuts = m_window->showShortcuts();
        QTRY_VERIFY(shortcuts->isVisible());
        shoot(shortcuts, language, theme, u"shortcuts"_s);
        shortcuts->close();
        Ui::AboutDialog about(m_window.get());
        about.show();
        QVERIFY(QTest::qWaitForWindowExposed(&about));
        shoot(&about, language, theme, u"about"_s);
        about.close();
    }

    /// Last: the server goes away, the room says so once.
    void offline()
    {
        m_server->stop();
        Ui::RoomView *view = m_window->currentRoomView();
        QTRY_VERIFY_WITH_TIMEOUT(view->room()->connectionState() != Client::ConnectionState::Connected, 10000);
        for (const QString &language : {u"en"_s, u"ja"_s}) {
            m_languages.setLanguage(language);
            for (const Theme theme : {Theme::Light, Theme::Dark}) {
                m_window->themes()->setTheme(theme);
                m_window->resize(900, 620);
                checkPicture(shoot(m_window.get(), language, theme, u"offline"_s), m_window.get(), theme);
            }
        }
    }
};

int main(int argc, char *argv[])
{
    const KaiwaTest::OffscreenScreen screen(QSize(2560, 1600));
    QApplication app(argc, argv);
    QCoreApplication::setApplicationVersion(QStringLiteral(KAIWA_VERSION)); // as main.cpp does, for the About box
    TestScreenshots test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_screenshots.moc"
