// SPDX-License-Identifier: MIT
// The main window's actions, offscreen, with rooms on a server that is down (nothing listens on port 9):
// a mnemonic per menu entry, unique within each menu, in English and in Japanese; no key for two
// actions; the Keyboard Shortcuts dialog (F1, Ctrl+/) listing every shortcut of every action, those a
// menu does not show included; and an answer in the status bar for every shortcut that has nothing to do.
#include "client/clientsettings.h"
#include "client/reconnectbackoff.h"
#include "client/room.h"
#include "client/roomlistmodel.h"
#include "client/tokenstore.h"
#include "client/ui/chatlogview.h"
#include "client/ui/languageswitcher.h"
#include "client/ui/mainwindow.h"
#include "client/ui/messageinput.h"
#include "client/ui/shortcutsdialog.h"
#include "client/ui/windowactions.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Kaiwa;
using Ui::WindowActions;

namespace {

const QUrl downServer(u"http://127.0.0.1:9/"_s);

/// The letter after a single '&', lower case; null when there is none ("&&" is a literal '&').
QChar mnemonic(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) != u'&')
            return text.at(i + 1).toLower();
        ++i;
    }
    return {};
}

} // namespace

class TestWindowActions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDirectory;
    std::unique_ptr<Client::ClientSettings> m_settings;
    Ui::LanguageSwitcher m_languages;
    Client::TokenStore m_tokens{u"kaiwa-test"_s};
    std::unique_ptr<Client::RoomListModel> m_rooms;
    std::unique_ptr<Ui::MainWindow> m_window;

    /// Checks one menu (and its submenus): every entry has a mnemonic, none twice. `exempt`: entries named
    /// in their own language whatever the interface's (the languages), which carry none.
    void checkMenu(const QString &path, const QList<QAction *> &entries, const QList<QAction *> &exempt)
    {
        QHash<QChar, QString> seen;
        for (QAction *entry : entries) {
            if (entry->isSeparator() || exempt.contains(entry))
                continue;
            const QChar key = mnemonic(entry->text());
            QVERIFY2(!key.isNull(), qPrintable(u"%1 > %2 has no mnemonic"_s.arg(path, entry->text())));
            QVERIFY2(!seen.contains(key),
                     qPrintable(u"%1: “%2” and “%3” both use %4"_s.arg(path, seen.value(key), entry->text(), key)));
            seen.insert(key, entry->text());
            if (entry->menu())
                checkMenu(path + u" > "_s + entry->text(), entry->menu()->actions(), exempt);
        }
    }

    /// The offscreen platform does not give activation back to the window when a dialog closes.
    void activateWindow()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    /// Every action of the window with a shortcut: the menus', Alt+1…9, and the rooms' own.
    QList<QAction *> actionsWithShortcuts() const
    {
        QList<QAction *> result;
        const QList<QAction *> all = m_window->findChildren<QAction *>();
        for (QAction *action : all) {
            if (!action->shortcuts().isEmpty())
                result.append(action);
        }
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDirectory.isValid());
        m_settings = std::make_unique<Client::ClientSettings>(
            std::make_unique<QSettings>(m_settingsDirectory.filePath(u"kaiwa.ini"_s), QSettings::IniFormat));
        m_languages.setLanguage(u"en"_s);
        m_rooms = std::make_unique<Client::RoomListModel>(&m_tokens);
        m_window = std::make_unique<Ui::MainWindow>(m_rooms.get(), *m_settings, &m_languages);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_rooms.reset();
    }

    void cleanup()
    {
        m_languages.setLanguage(u"en"_s);
        QCoreApplication::processEvents(); // the posted LanguageChange
    }

    void mnemonicsAreUniquePerMenu_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << u"en"_s;
        QTest::newRow("ja") << u"ja"_s;
    }

    void mnemonicsAreUniquePerMenu()
    {
        QFETCH(QString, language);
        m_languages.setLanguage(language);
        QCoreApplication::processEvents();
        const QString room = m_window->menuBar()->actions().constFirst()->text();
        QCOMPARE(room, language == u"ja"_s ? u"ルーム(&R)"_s : u"&Room"_s);

        QList<QAction *> nativeNames = m_window->windowActions()->languageGroup()->actions();
        nativeNames.removeIf([](const QAction *action) { return action->data().toString().isEmpty(); });
        checkMenu(u"menu bar"_s, m_window->menuBar()->actions(), nativeNames);
    }

    void noKeyDoesTwoThings()
    {
        QHash<QString, QString> owner;
        m_window->openRoom({downServer, u"lobby"_s, u"alice"_s}); // so that a room's own actions exist
        const QList<QAction *> actions = actionsWithShortcuts();
        for (QAction *action : actions) {
            for (const QKeySequence &key : action->shortcuts()) {
                const QString text = key.toString(QKeySequence::PortableText);
                QVERIFY2(!owner.contains(text),
                         qPrintable(u"%1 is %2 and %3"_s.arg(text, owner.value(text), action->text())));
                owner.insert(text, action->text());
            }
        }
        QVERIFY(owner.contains(u"Ctrl+T"_s) && owner.contains(u"F5"_s) && owner.contains(u"Alt+9"_s));
        QTest::keyClick(m_window.get(), Qt::Key_W, Qt::ControlModifier);
        QTRY_COMPARE(m_window->tabs()->count(), 0);
    }

    void dialogListsEveryShortcut_data()
    {
        QTest::addColumn<QKeyCombination>("key");
        QTest::newRow("F1") << QKeyCombination(Qt::Key_F1);
        QTest::newRow("Ctrl+/") << QKeyCombination(Qt::ControlModifier, Qt::Key_Slash);
    }

    void dialogListsEveryShortcut()
    {
        QFETCH(QKeyCombination, key);
        m_window->openRoom({downServer, u"lobby"_s, u"alice"_s});
        QTest::keyClick(m_window.get(), key.key(), key.keyboardModifiers());
        auto *dialog = m_window->findChild<Ui::ShortcutsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        const QStringList listed = dialog->listedShortcuts();

        QStringList expected;
        const QList<QAction *> actions = actionsWithShortcuts();
        for (const QAction *action : actions) {
            for (const QKeySequence &sequence : action->shortcuts())
                expected.append(Ui::ShortcutsDialog::keyText(sequence));
        }
        for (const auto &[what, keys] : Ui::ChatLogView::keys()) {
            for (const QKeySequence &sequence : keys)
                expected.append(Ui::ShortcutsDialog::keyText(sequence));
        }
        for (const Ui::ShortcutsDialog::Key &typing : Ui::MessageInput::keys())
            expected.append(Ui::ShortcutsDialog::keyText(typing.keys));
        expected.sort();
        QStringList sortedListed = listed;
        sortedListed.sort();
        QCOMPARE(sortedListed, expected); // all of them, each once
        // The ones no menu shows, named as the issue found them missing.
        for (const QString &hidden : {u"Ctrl+T"_s, u"F5"_s, u"Ctrl+Tab"_s, u"Alt+1"_s, u"Alt+9"_s, u"Ctrl+E"_s})
            QVERIFY2(listed.contains(QKeySequence(hidden).toString(QKeySequence::NativeText)), qPrintable(hidden));
        QVERIFY(listed.contains(u"Ctrl+Shift+Tab"_s));
        // The menu shows the first of an action's keys: Ctrl+W for Close Room, as people know it.
        QCOMPARE(m_window->windowActions()->action(WindowActions::CloseRoom)->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::Key_W));

        // In Japanese, the same list with the menus' words, without their mnemonics.
        m_languages.setLanguage(u"ja"_s);
        QTRY_COMPARE(dialog->windowTitle(), u"キーボードショートカット"_s);
        QTRY_COMPARE(dialog->list()->topLevelItem(0)->text(0), u"ルーム"_s);
        QCOMPARE(dialog->list()->topLevelItem(0)->child(0)->text(0), u"ルームに参加…"_s);
        QCOMPARE(dialog->listedShortcuts().size(), listed.size());
        dialog->close();
        activateWindow();
        QTest::keyClick(m_window.get(), Qt::Key_W, Qt::ControlModifier);
        QTRY_COMPARE(m_window->tabs()->count(), 0);
    }

    void everyShortcutAnswers()
    {
        QTabWidget *tabs = m_window->tabs();
        QWidget *window = m_window.get();
        const auto press = [window](Qt::Key key, Qt::KeyboardModifiers modifiers = {}) {
            QTest::keyClick(window, key, modifiers);
        };
        m_window->statusBar()->clearMessage();

        // Nothing open: the shortcuts that need a room say so.
        for (const auto &[key, modifiers] :
             std::initializer_list<std::pair<Qt::Key, Qt::KeyboardModifiers>>{{Qt::Key_W, Qt::ControlModifier},
                                                                              {Qt::Key_R, Qt::ControlModifier},
                                                                              {Qt::Key_L, Qt::ControlModifier},
                                                                              {Qt::Key_F6, {}},
                                                                              {Qt::Key_Tab, Qt::ControlModifier}}) {
            m_window->statusBar()->clearMessage();
            press(key, modifiers);
            QCOMPARE(m_window->statusMessage(), u"No room is open."_s);
        }

        m_window->openRoom({downServer, u"lobby"_s, u"alice"_s});
        m_window->openRoom({downServer, u"other"_s, u"alice"_s});
        for (int row = 0; row < m_rooms->rowCount(); ++row)
            m_rooms->roomAt(row)->setReconnectBackoff(Client::ReconnectBackoff({60s, 60s, 0}));
        QCOMPARE(tabs->count(), 2);

        press(Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 1);
        QCOMPARE(m_window->statusMessage(), u"Closed other. %1 opens it again."_s.arg(
                                                QKeySequence(u"Ctrl+Shift+T"_s).toString(QKeySequence::NativeText)));
        press(Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(m_window->statusMessage(), u"lobby is the only open room."_s);
        press(Qt::Key_5, Qt::AltModifier);
        QCOMPARE(m_window->statusMessage(), u"There is no room 5: 1 room open."_s);

        press(Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(tabs->tabText(tabs->currentIndex()), u"other"_s);
        QCOMPARE(m_window->statusMessage(), u"Opened other again."_s);
        press(Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(m_window->statusMessage(), u"No room was closed."_s);
        QCOMPARE(tabs->count(), 2);

        press(Qt::Key_1, Qt::AltModifier);
        QCOMPARE(tabs->currentIndex(), 0);

        // Waiting a minute for its next attempt: Ctrl+R tries now, and says so.
        Client::Room *lobby = m_rooms->roomAt(0);
        m_rooms->roomAt(0)->setReconnectBackoff(Client::ReconnectBackoff({60s, 60s, 0}));
        QTRY_COMPARE_WITH_TIMEOUT(lobby->connectionState(), Client::ConnectionState::WaitingToReconnect, 10000);
        press(Qt::Key_R, Qt::ControlModifier);
        QCOMPARE(m_window->statusMessage(), u"Reconnecting lobby…"_s);
        QCOMPARE(lobby->connectionState(), Client::ConnectionState::Connecting);

        // The answers are translated too.
        m_languages.setLanguage(u"ja"_s);
        QCoreApplication::processEvents();
        press(Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(m_window->statusMessage(), u"lobby を閉じました。%1 で開き直せます。"_s.arg(
                                                QKeySequence(u"Ctrl+Shift+T"_s).toString(QKeySequence::NativeText)));
        press(Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 0);
    }
};

QTEST_MAIN(TestWindowActions)
#include "tst_windowactions.moc"
