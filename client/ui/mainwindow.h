// SPDX-License-Identifier: MIT
#pragma once

#include "client/launchplan.h"
#include "client/roomaddress.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace Kaiwa {
struct ChatMessage;
}

namespace Kaiwa::Client {
class ClientSettings;
class EmojiModel;
class Room;
class RoomListModel;
class Session;
} // namespace Kaiwa::Client

namespace Kaiwa::Ui {

class LanguageSwitcher;
class LoginDialog;
class Notifier;
class RoomDirectoryDialog;
class RoomSettingsDialog;
class RoomView;
class SearchBar;
class ShortcutsDialog;
class ThemeSwitcher;
class WindowActions;

/**
 * The main window: one tab per open room (from a RoomListModel), unread counts in the tab titles and
 * each room's connection state as the colour of its tab's dot (the room's own indicator says it in
 * words), menus for every action (WindowActions), and desktop notifications for messages in rooms
 * that are not in view. It shows and forwards: the sessions sign in and reconnect, the window asks
 * for a password when one says so (LoginDialog).
 *
 * Every shortcut answers: what it cannot do is said in the status bar ("lobby is already
 * connected.", "Closed lobby. Ctrl+Shift+T reopens it."). The theme (ThemeSwitcher) and the recently
 * used emoji (EmojiModel, shared by every room's picker) are the window's, remembered in the settings, as
 * each room's notification level (Room > Notifications: all messages, only mentions of the user, none).
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
    /// Help > Keyboard Shortcuts (non-modal; one at a time).
    ShortcutsDialog *showShortcuts();
    /// Room > Browse Rooms: the rooms of the current room's server (window-modal, non-blocking); null and
    /// said in the status bar when no room is open.
    RoomDirectoryDialog *showRoomDirectory();
    /**
     * Room > Room Settings: the topic, visibility and roles of the current room (window-modal, non-blocking), for
     * its owners; null and said in the status bar otherwise.
     */
    RoomSettingsDialog *showRoomSettings();
    /// Room > Find Messages: the search bar over the current room; false (and said) when no room is open.
    bool showSearch();
    /// Opens (or switches to) `room` of the server the search bar searches and goes to its message `id`.
    void goToSearchResult(const QString &room, qint64 id);

    QTabWidget *tabs() const { return m_tabs; }
    RoomView *roomView(int index) const;
    RoomView *currentRoomView() const;
    Notifier *notifier() const { return m_notifier; }
    SearchBar *searchBar() const { return m_search; }
    WindowActions *windowActions() const { return m_actions; }
    ThemeSwitcher *themes() const { return m_themes; }
    Client::EmojiModel *emoji() const { return m_emoji; }
    /// What the status bar says at the moment (the answer to the last shortcut, or a notice).
    QString statusMessage() const;

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void connectActions();
    void retranslateUi();
    /// The first window: a comfortable size that fits the screen's available area (at 2× too).
    void fitToScreen();
    void onRoomsInserted(int first, int last);
    void onRoomsAboutToBeRemoved(int first, int last);
    void updateTab(int index);
    void updateRoomsInView();
    void updateWindowTitle();
    void onMessageArrived(Client::Room *room, const Kaiwa::ChatMessage &message);
    /// The Notifications menu shows the current room's level.
    void updateNotificationLevel();
    void closeRoom(int index);
    void reopenClosedRoom();
    void reconnectCurrentRoom();
    void goToRoom(int index);
    void stepRoom(int step);
    /// An open search bar searches the current room (or that room's server).
    void updateSearchScope();
    /// The address of `room` (or the direct messages with the account `room`) on `server`, under the name used there.
    Client::RoomAddress addressOn(const QUrl &server, const QString &room, bool direct = false) const;
    /// Runs `use` on the current room's view, or says that no room is open.
    void withCurrentRoom(const std::function<void(RoomView *)> &use);
    /// The answer to a shortcut, in the status bar for a while.
    void say(const QString &message);
    void saveSession();
    void onSessionAdded(Client::Session *session);
    /// No token works for the session's server: ask with a LoginDialog (one at a time).
    void askToSignIn(Client::Session *session, const QString &name);
    /// Says once that sign-ins last only until the client quits.
    void onTokensSessionOnly();

    QPointer<Client::RoomListModel> m_rooms;
    Client::ClientSettings &m_settings;
    QPointer<LanguageSwitcher> m_languages;
    ThemeSwitcher *m_themes;
    Client::EmojiModel *m_emoji;
    WindowActions *m_actions;
    QSplitter *m_central; ///< The search bar above the rooms.
    SearchBar *m_search;
    QStackedWidget *m_stack;
    QTabWidget *m_tabs;
    QLabel *m_emptyLabel;
    Notifier *m_notifier;
    /// Saved rooms this run did not open (other servers than --server): saved again as they were.
    QList<Client::RoomAddress> m_keptRooms;
    /// Rooms closed in this run, the last one last: Reopen Closed Room takes them back.
    QList<Client::RoomAddress> m_closedRooms;
    QPointer<LoginDialog> m_loginDialog;
    QPointer<ShortcutsDialog> m_shortcutsDialog;
};

} // namespace Kaiwa::Ui
