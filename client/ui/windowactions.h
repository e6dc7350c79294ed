// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>

class QAction;
class QActionGroup;
class QMenu;
class QMenuBar;
class QWidget;

namespace Kaiwa::Ui {

/**
 * The main window's actions, their shortcuts, texts and menus (Room, View, Help). What they do is the
 * window's business: it connects to them. Each menu has a mnemonic per entry, unique within the
 * menu in every language (tst_windowactions walks them).
 *
 * An action can have several shortcuts (Ctrl+N and Ctrl+T); a menu shows only the first, the
 * "Keyboard Shortcuts" dialog lists them all (ShortcutsDialog, filled from these actions).
 */
class WindowActions : public QObject
{
    Q_OBJECT

public:
    enum Id {
        JoinRoom,
        BrowseRooms,
        FindMessages,
        RoomSettings,
        Reconnect,
        CloseRoom,
        ReopenRoom,
        Quit,
        NextRoom,
        PreviousRoom,
        FocusInput,
        FocusLog,
        KeyboardShortcuts,
        About,
        AboutQt,
    };
    Q_ENUM(Id)

    /// How many rooms have a "go to room N" shortcut (Alt+1 … Alt+9).
    static constexpr int roomShortcutCount = 9;

    /// The actions belong to `window`, and their shortcuts work anywhere in it.
    explicit WindowActions(QWidget *window);

    QAction *action(Id id) const { return m_actions.at(id); }
    /// "Go to room N" (Alt+N), index 0 for room 1; not in a menu.
    const QList<QAction *> &roomActions() const { return m_roomActions; }
    /// The language choices: data "" (the system's) or a language code.
    QActionGroup *languageGroup() const { return m_languageGroup; }
    /// The theme choices: data ThemeSwitcher::key() of each.
    QActionGroup *themeGroup() const { return m_themeGroup; }
    /// The current room's notification level: data a Room::NotificationLevel of each.
    QActionGroup *notificationGroup() const { return m_notificationGroup; }

    /// Adds the menus to `menuBar`.
    void createMenus(QMenuBar *menuBar);
    /// The menus of the menu bar, in order.
    QList<QMenu *> menus() const { return {m_roomMenu, m_viewMenu, m_helpMenu}; }

    /// Sets every text in the current language.
    void retranslateUi();

    /// A menu entry's text as the user reads it: without its mnemonic ("&Quit", "終了(&Q)").
    static QString plainText(const QString &text);

private:
    QAction *add(Id id);

    QWidget *m_window;
    QList<QAction *> m_actions;
    QList<QAction *> m_roomActions;
    QActionGroup *m_languageGroup;
    QAction *m_systemLanguage;
    QActionGroup *m_themeGroup;
    QAction *m_systemTheme;
    QAction *m_lightTheme;
    QAction *m_darkTheme;
    QActionGroup *m_notificationGroup;
    QMenu *m_notificationMenu = nullptr;
    QMenu *m_roomMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_themeMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
};

} // namespace Kaiwa::Ui
