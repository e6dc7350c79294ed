// SPDX-License-Identifier: MIT
#pragma once

#include "client/launchplan.h"
#include "client/roomaddress.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QStackedWidget;
class QTabWidget;

namespace Kaiwa::Client {
class ClientSettings;
class Room;
class RoomListModel;
class Session;
} // namespace Kaiwa::Client

namespace Kaiwa::Ui {

class LanguageSwitcher;
class LoginDialog;
class Notifier;
class RoomView;

/**
 * The main window: one tab per open room (from a RoomListModel), unread counts in the tab titles,
 * the current room's connection state in the status bar, menus for every action, and desktop
 * notifications for messages in rooms that are not in view. It shows and forwards: the sessions sign
 * in and reconnect, the window asks for a password when one says so (LoginDialog).
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// None of the arguments is owned; all must outlive the window.
    MainWindow(Client::RoomListModel *rooms, Client::ClientSettings &settings, LanguageSwitcher *languages,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens the room (or switches to it when open) and remembers it as recent.
    void openRoom(const Client::RoomAddress &address);
    /// Opens what the command line asked for (LaunchPlan), or asks for a room.
    void start(const Client::LaunchPlan &plan);
    /// Shows the room prompt (window-modal, non-blocking); the room opens when it is accepted.
    /// `server` replaces the most recent server as the suggestion; `name` the name last used there.
    void showRoomPrompt(const QUrl &server = {}, const std::optional<QString> &name = std::nullopt);

    QTabWidget *tabs() const { return m_tabs; }
    RoomView *roomView(int index) const;
    RoomView *currentRoomView() const;
    Notifier *notifier() const { return m_notifier; }
    /// Text of the status bar's connection label.
    QString statusText() const;

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void retranslateUi();
    void onRoomsInserted(int first, int last);
    void onRoomsAboutToBeRemoved(int first, int last);
    void updateTab(int index);
    void updateRoomsInView();
    void updateStatus();
    void updateWindowTitle();
    void onMessageArrived(Client::Room *room, const QString &sender, const QString &text);
    void closeRoom(int index);
    void reconnectCurrentRoom();
    void saveSession();
    void onSessionAdded(Client::Session *session);
    /// No token works for the session's server: ask with a LoginDialog (one at a time).
    void askToSignIn(Client::Session *session, const QString &name);
    /// Says once that sign-ins last only until the client quits.
    void onTokensSessionOnly();

    QPointer<Client::RoomListModel> m_rooms;
    Client::ClientSettings &m_settings;
    QPointer<LanguageSwitcher> m_languages;
    QStackedWidget *m_stack;
    QTabWidget *m_tabs;
    QLabel *m_statusLabel;
    QLabel *m_emptyLabel;
    Notifier *m_notifier;
    /// Saved rooms this run did not open (other servers than --server): saved again as they were.
    QList<Client::RoomAddress> m_keptRooms;
    QPointer<LoginDialog> m_loginDialog;

    QMenu *m_roomMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_joinAction = nullptr;
    QAction *m_reconnectAction = nullptr;
    QAction *m_closeRoomAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_nextRoomAction = nullptr;
    QAction *m_previousRoomAction = nullptr;
    QAction *m_focusInputAction = nullptr;
    QAction *m_focusLogAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    QAction *m_systemLanguageAction = nullptr;
};

} // namespace Kaiwa::Ui
