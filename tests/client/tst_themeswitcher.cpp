// SPDX-License-Identifier: MIT
// Light, Dark and System from the View menu, offscreen: the application's palette and style change,
// the window's pixels follow (grabbed and sampled), links stay readable on either base, the colours the
// window draws itself (the tabs' state dots) derive from the palette, and the choice is remembered in a
// real settings file across a restart of the objects.
#include "client/clientsettings.h"
#include "client/room.h"
#include "client/roomlistmodel.h"
#include "client/tokenstore.h"
#include "client/ui/chatlogview.h"
#include "client/ui/connectionindicator.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/mainwindow.h"
#include "client/ui/roomview.h"
#include "client/ui/themeswitcher.h"
#include "client/ui/windowactions.h"

#include <QAbstractItemView>
#include <QActionGroup>
#include <QApplication>
#include <QListView>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa;
using Theme = Ui::ThemeSwitcher::Theme;

namespace {

/// WCAG 2 contrast ratio of two colours (1 to 21).
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &color) {
        const auto channel = [](double value) {
            return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
    };
    const double lighter = std::max(luminance(a), luminance(b));
    const double darker = std::min(luminance(a), luminance(b));
    return (lighter + 0.05) / (darker + 0.05);
}

} // namespace

class TestThemeSwitcher : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    Ui::LanguageSwitcher m_languages;
    Client::TokenStore m_tokens{u"kaiwa-test"_s};
    QString m_systemStyle;
    QPalette m_systemPalette;

    std::unique_ptr<Client::ClientSettings> openSettings() const
    {
        return std::make_unique<Client::ClientSettings>(
            std::make_unique<QSettings>(m_directory.filePath(u"kaiwa.ini"_s), QSettings::IniFormat));
    }

    static void choose(Ui::MainWindow &window, Theme theme)
    {
        const QList<QAction *> choices = window.windowActions()->themeGroup()->actions();
        for (QAction *choice : choices) {
            if (choice->data().toString() == Ui::ThemeSwitcher::key(theme))
                choice->trigger();
        }
    }

    static QAction *checkedChoice(const Ui::MainWindow &window)
    {
        return window.windowActions()->themeGroup()->checkedAction();
    }

    /// The colour at the middle of `widget` in a grab of the whole window.
    static QColor sample(Ui::MainWindow &window, const QWidget *widget)
    {
        QCoreApplication::processEvents();
        const QImage image = window.grab().toImage();
        const QPoint middle = widget->mapTo(&window, widget->rect().center());
        return image.pixelColor(middle * image.devicePixelRatio());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        m_languages.setLanguage(u"en"_s);
        m_systemStyle = QApplication::style()->name();
        m_systemPalette = QApplication::palette();
        QVERIFY(!Ui::ThemeSwitcher::isDark(m_systemPalette)); // the offscreen platform's palette is a light one
    }

    void switchAndRestart()
    {
        auto settings = openSettings();
        Client::RoomListModel rooms(&m_tokens);
        auto window = std::make_unique<Ui::MainWindow>(&rooms, *settings, &m_languages);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->openRoom({QUrl(u"http://127.0.0.1:9/"_s), u"lobby"_s, u"alice"_s}); // offline: an empty log
        Ui::RoomView *view = window->currentRoomView();
        QCOMPARE(window->themes()->theme(), Theme::System);
        QCOMPARE(checkedChoice(*window)->data().toString(), QString());
        const QColor lightLog = sample(*window, view->logView()->viewport());
        QVERIFY2(lightLog.lightnessF() > 0.8, qPrintable(lightLog.name()));

        choose(*window, Theme::Dark);
        QCOMPARE(window->themes()->theme(), Theme::Dark);
        QVERIFY(Ui::ThemeSwitcher::isDark(QApplication::palette()));
        QCOMPARE(QApplication::style()->name(), u"fusion"_s);
        QCOMPARE(settings->theme(), u"dark"_s);
        // The window's pixels: the log and the member list on the dark base, the window around them dark.
        const QColor darkLog = sample(*window, view->logView()->viewport());
        QCOMPARE(darkLog, Ui::ThemeSwitcher::darkPalette().color(QPalette::Base));
        QVERIFY(sample(*window, view->memberView()->viewport()).lightnessF() < 0.2);
        QVERIFY(sample(*window, window->statusBar()).lightnessF() < 0.25);
        // The tab's dot is drawn for the dark palette (lighter amber than on a light one).
        const QColor darkAmber =
            Ui::ConnectionIndicator::stateColor(Client::ConnectionState::WaitingToReconnect, QApplication::palette());
        const QColor lightAmber = Ui::ConnectionIndicator::stateColor(Client::ConnectionState::WaitingToReconnect,
                                                                      Ui::ThemeSwitcher::lightPalette());
        QVERIFY(darkAmber.lightnessF() > lightAmber.lightnessF());

        // A restart: the objects go, the application's palette is the system's again, the file stays.
        window.reset();
        settings->sync();
        settings.reset();
        QApplication::setStyle(m_systemStyle);
        QApplication::setPalette(QPalette());
        QVERIFY(!Ui::ThemeSwitcher::isDark(QApplication::palette()));
        settings = openSettings();
        window = std::make_unique<Ui::MainWindow>(&rooms, *settings, &m_languages);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QCOMPARE(window->themes()->theme(), Theme::Dark);
        QVERIFY(Ui::ThemeSwitcher::isDark(QApplication::palette()));
        QCOMPARE(checkedChoice(*window)->data().toString(), u"dark"_s);
        view = window->currentRoomView();
        QCOMPARE(sample(*window, view->logView()->viewport()), darkLog);

        choose(*window, Theme::Light);
        QVERIFY(!Ui::ThemeSwitcher::isDark(QApplication::palette()));
        QVERIFY(sample(*window, view->logView()->viewport()).lightnessF() > 0.8);
        QCOMPARE(settings->theme(), u"light"_s);

        // Back to the system's: its style and palette, and nothing remembered but that.
        choose(*window, Theme::System);
        QCOMPARE(QApplication::style()->name(), m_systemStyle);
        QCOMPARE(QApplication::palette().color(QPalette::Window), m_systemPalette.color(QPalette::Window));
        QCOMPARE(QApplication::palette().color(QPalette::Link), m_systemPalette.color(QPalette::Link));
        QCOMPARE(settings->theme(), QString());
        QCOMPARE(sample(*window, view->logView()->viewport()), lightLog);
    }

    /// System: when the platform's palette changes (a desktop switched to dark; Qt puts the new palette in
    /// place as QApplication::setPalette() does), what the window draws itself follows: the tabs' dots.
    void systemPaletteChangesAreFollowed()
    {
        auto settings = openSettings();
        settings->setTheme({});
        Client::RoomListModel rooms(&m_tokens);
        Ui::MainWindow window(&rooms, *settings, &m_languages);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.themes()->theme(), Theme::System);
        window.openRoom({QUrl(u"http://127.0.0.1:9/"_s), u"lobby"_s, u"alice"_s});
        Client::Room *room = rooms.roomAt(0);
        const auto dot = [&window] { return window.tabs()->tabIcon(0).pixmap(16, 16).toImage().pixelColor(8, 8); };
        const auto expected = [room](const QPalette &palette) {
            return Ui::ConnectionIndicator::stateColor(room->connectionState(), palette);
        };
        QCOMPARE(dot(), expected(QApplication::palette()));

        QApplication::setPalette(Ui::ThemeSwitcher::darkPalette());
        QTRY_COMPARE(dot(), expected(Ui::ThemeSwitcher::darkPalette()));
        QVERIFY(dot() != expected(m_systemPalette));
        QApplication::setPalette(QPalette());
        QTRY_COMPARE(dot(), expected(m_systemPalette));
    }

    /// Links (and the text) are readable on the base of both palettes: WCAG AA, 4.5:1 at least.
    void linksAreReadable_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << Ui::ThemeSwitcher::lightPalette();
        QTest::newRow("dark") << Ui::ThemeSwitcher::darkPalette();
    }

    void linksAreReadable()
    {
        QFETCH(QPalette, palette);
        const QColor base = palette.color(QPalette::Base);
        for (const auto role : {QPalette::Link, QPalette::LinkVisited, QPalette::Text, QPalette::WindowText}) {
            const double ratio = contrast(palette.color(role), base);
            QVERIFY2(ratio >= 4.5, qPrintable(u"role %1: %2:1"_s.arg(role).arg(ratio)));
        }
        QVERIFY(contrast(palette.color(QPalette::PlaceholderText), base) >= 3.0);
        QVERIFY(palette.color(QPalette::Link) != QColor(Qt::blue));
        // Pure blue, the default link colour, fails on the dark base: the check has teeth.
        QCOMPARE(contrast(QColor(Qt::blue), Ui::ThemeSwitcher::darkPalette().color(QPalette::Base)) < 4.5, true);
    }
};

QTEST_MAIN(TestThemeSwitcher)
#include "tst_themeswitcher.moc"
