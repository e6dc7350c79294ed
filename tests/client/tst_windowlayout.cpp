// SPDX-License-Identifier: MIT
// The main window's layout on a 1600×1000 screen, run at 1× and at 2× (QT_SCALE_FACTOR=2, where the
// screen is 800×500 logical pixels): the first window fits the area the screen leaves free; a room
// that is offline says so once, in its indicator (not in the status bar, nor under the message box,
// nor in the tab's title: the tab shows a dot); a narrow window keeps the indicator's words inside it.
#include "offscreenscreen.h"

#include "client/clientsettings.h"
#include "client/reconnectbackoff.h"
#include "client/room.h"
#include "client/roomlistmodel.h"
#include "client/tokenstore.h"
#include "client/ui/connectionindicator.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/mainwindow.h"
#include "client/ui/roomview.h"

#include <QApplication>
#include <QLabel>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Kaiwa;

class TestWindowLayout : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    Ui::LanguageSwitcher m_languages;
    Client::TokenStore m_tokens{u"kaiwa-test"_s};

    std::unique_ptr<Client::ClientSettings> openSettings(const QString &name) const
    {
        return std::make_unique<Client::ClientSettings>(
            std::make_unique<QSettings>(m_directory.filePath(name), QSettings::IniFormat));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        m_languages.setLanguage(u"en"_s);
        const QScreen *screen = QGuiApplication::primaryScreen();
        QCOMPARE(screen->geometry().size() * screen->devicePixelRatio(), QSize(1600, 1000));
    }

    void firstWindowFitsTheScreen()
    {
        auto settings = openSettings(u"first.ini"_s); // a first start: no geometry saved
        Client::RoomListModel rooms(&m_tokens);
        Ui::MainWindow window(&rooms, *settings, &m_languages);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QRect available = window.screen()->availableGeometry();
        QVERIFY2(available.contains(window.frameGeometry()),
                 qPrintable(u"frame %1×%2 at %3,%4 on %5×%6 (scale %7)"_s.arg(window.frameGeometry().width())
                                .arg(window.frameGeometry().height())
                                .arg(window.frameGeometry().x())
                                .arg(window.frameGeometry().y())
                                .arg(available.width())
                                .arg(available.height())
                                .arg(window.devicePixelRatio())));
        // Not a postage stamp either: most of the screen's height when it is small, the usual size when it is not.
        QVERIFY(window.height() >= std::min(560, available.height() * 3 / 4));
    }

    void offlineIsSaidOnce()
    {
        auto settings = openSettings(u"offline.ini"_s);
        Client::RoomListModel rooms(&m_tokens);
        Ui::MainWindow window(&rooms, *settings, &m_languages);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openRoom({QUrl(u"http://127.0.0.1:9/"_s), u"lobby"_s, u"alice"_s});
        Client::Room *room = rooms.roomAt(0);
        room->setReconnectBackoff(Client::ReconnectBackoff({60s, 60s, 0}));
        QTRY_COMPARE_WITH_TIMEOUT(room->connectionState(), Client::ConnectionState::WaitingToReconnect, 10000);
        Ui::RoomView *view = window.currentRoomView();
        QTRY_VERIFY(view->indicator()->isVisible());

        // Every visible word about the connection in the window: one label, the indicator's.
        QList<const QLabel *> saying;
        const QList<QLabel *> labels = window.findChildren<QLabel *>();
        for (const QLabel *label : labels) {
            if (label->isVisible() && label->text().contains(u"connect"_s, Qt::CaseInsensitive))
                saying.append(label);
        }
        QCOMPARE(saying.size(), 1);
        QVERIFY(view->indicator()->isAncestorOf(saying.first()));
        QVERIFY(saying.first()->text().startsWith(u"Not connected"_s));
        QVERIFY(window.statusMessage().isEmpty());
        QCOMPARE(window.tabs()->tabText(0), u"lobby"_s);
        QVERIFY(!window.tabs()->tabIcon(0).isNull());
        QVERIFY(window.tabs()->tabToolTip(0).contains(u"Not connected"_s)); // on demand only
    }
};

int main(int argc, char *argv[])
{
    const KaiwaTest::OffscreenScreen screen(QSize(1600, 1000));
    QApplication app(argc, argv);
    TestWindowLayout test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowlayout.moc"
