// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "aboutdialog.h"
#include "appicon.h"
#include "chatlogview.h"
#include "connectionindicator.h"
#include "emojifont.h"
#include "languageswitcher.h"
#include "logindialog.h"
#include "notifier.h"
#include "roomdirectorydialog.h"
#include "roomprompt.h"
#include "roomsettingsdialog.h"
#include "roomview.h"
#include "searchbar.h"
#include "shortcutsdialog.h"
#include "themeswitcher.h"
#include "windowactions.h"

#include "client/clientsettings.h"
#include "client/emojimodel.h"
#include "client/room.h"
#include "client/roomlistmodel.h"
#include "client/roomsettings.h"
#include "client/searchresultsmodel.h"
#include "client/serverapi.h"
#include "client/session.h"
#include "client/tokenstore.h"

#include "common/protocol.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMetaEnum>
#include <QScreen>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;
using Client::Room;
using Client::RoomListModel;

namespace {
/// How long the answer to a shortcut stays in the status bar.
constexpr int sayTimeout = 8000;
/// How many closed rooms Reopen Closed Room remembers.
constexpr qsizetype maxClosedRooms = 10;
} // namespace

MainWindow::MainWindow(RoomListModel *rooms, Client::ClientSettings &settings, LanguageSwitcher *languages,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_rooms(rooms)
    , m_settings(settings)
    , m_languages(languages)
    , m_themes(new ThemeSwitcher(settings, this))
    , m_emoji(new Client::EmojiModel(settings, this))
    , m_actions(new WindowActions(this))
    , m_central(new QSplitter(Qt::Vertical, this))
    , m_search(new SearchBar(m_central))
    , m_stack(new QStackedWidget(m_central))
    , m_tabs(new QTabWidget(this))
    , m_emptyLabel(new QLabel(this))
    , m_notifier(new Notifier(this, applicationIcon(), this))
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(applicationIcon());
    setFont(EmojiFont::withFallback(font())); // for every widget of the window, dialogs included
    m_tabs->setObjectName(u"roomTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setElideMode(Qt::ElideRight);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setTextFormat(Qt::PlainText);
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(m_tabs);
    m_central->setObjectName(u"centralSplitter"_s);
    m_central->addWidget(m_search);
    m_central->addWidget(m_stack);
    m_central->setChildrenCollapsible(false);
    m_central->setStretchFactor(1, 1);
    setCentralWidget(m_central);
    statusBar()->setObjectName(u"statusBar"_s);
    fitToScreen();
    if (const QByteArray geometry = m_settings.windowGeometry(); !geometry.isEmpty())
        restoreGeometry(geometry); // fitted to the screens there are now, if they changed

    m_actions->createMenus(menuBar());
    connectActions();

    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        updateSearchScope();
        updateRoomsInView();
        updateWindowTitle();
        updateNotificationLevel();
        if (RoomView *view = currentRoomView())
            view->focusInput();
    });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeRoom);
    connect(m_search, &SearchBar::resultActivated, this, &MainWindow::goToSearchResult);
    connect(m_search, &SearchBar::closed, this, [this] {
        if (RoomView *view = currentRoomView())
            view->focusInput();
    });
    connect(m_rooms, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRoomsInserted(first, last); });
    connect(m_rooms, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) { onRoomsAboutToBeRemoved(first, last); });
    connect(m_rooms, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
                    updateTab(row);
                updateWindowTitle();
            });
    connect(m_rooms, &RoomListModel::sessionAdded, this, &MainWindow::onSessionAdded);
    for (Client::Session *session : m_rooms->sessions())
        onSessionAdded(session);
    connect(m_rooms->tokenStore(), &Client::TokenStore::sessionOnly, this, &MainWindow::onTokensSessionOnly);
    if (m_rooms->tokenStore()->isSessionOnly())
        onTokensSessionOnly();
    connect(m_notifier, &Notifier::activated, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });

    if (m_rooms->rowCount() > 0)
        onRoomsInserted(0, m_rooms->rowCount() - 1);
    updateNotificationLevel();
    retranslateUi();
}

MainWindow::~MainWindow() = default;

void MainWindow::connectActions()
{
    using Id = WindowActions::Id;
    const auto on = [this](Id id, auto &&slot) { connect(m_actions->action(id), &QAction::triggered, this, slot); };
    on(Id::JoinRoom, [this] { showRoomPrompt(); });
    on(Id::BrowseRooms, &MainWindow::showRoomDirectory);
    on(Id::FindMessages, &MainWindow::showSearch);
    on(Id::RoomSettings, &MainWindow::showRoomSettings);
    on(Id::Reconnect, &MainWindow::reconnectCurrentRoom);
    on(Id::CloseRoom, [this] { closeRoom(m_tabs->currentIndex()); });
    on(Id::ReopenRoom, &MainWindow::reopenClosedRoom);
    on(Id::Quit, &QWidget::close);
    on(Id::NextRoom, [this] { stepRoom(1); });
    on(Id::PreviousRoom, [this] { stepRoom(-1); });
    on(Id::FocusInput, [this] { withCurrentRoom([](RoomView *view) { view->focusInput(); }); });
    on(Id::FocusLog,
       [this] { withCurrentRoom([](RoomView *view) { view->logView()->setFocus(Qt::ShortcutFocusReason); }); });
    on(Id::KeyboardShortcuts, &MainWindow::showShortcuts);
    on(Id::About, [this] {
        auto *about = new AboutDialog(this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        about->open();
    });
    on(Id::AboutQt, &QApplication::aboutQt);
    for (QAction *room : m_actions->roomActions())
        connect(room, &QAction::triggered, this, [this, room] { goToRoom(room->data().toInt()); });

    const auto checkData = [](QActionGroup *group, const QString &chosen) {
        const QList<QAction *> choices = group->actions();
        for (QAction *choice : choices)
            choice->setChecked(choice->data().toString() == chosen);
    };
    checkData(m_actions->languageGroup(), m_languages ? m_languages->choice() : QString());
    connect(m_actions->languageGroup(), &QActionGroup::triggered, this, [this](QAction *action) {
        const QString language = action->data().toString();
        m_settings.setLanguage(language);
        if (m_languages)
            m_languages->setLanguage(language);
    });
    if (m_languages) {
        connect(m_languages, &LanguageSwitcher::languageChanged, this,
                [this, checkData](const QString &choice) { checkData(m_actions->languageGroup(), choice); });
    }
    checkData(m_actions->themeGroup(), ThemeSwitcher::key(m_themes->theme()));
    connect(m_actions->themeGroup(), &QActionGroup::triggered, this,
            [this](QAction *action) { m_themes->setTheme(ThemeSwitcher::fromKey(action->data().toString())); });
    connect(m_actions->notificationGroup(), &QActionGroup::triggered, this, [this](QAction *action) {
        Room *room = m_rooms->roomAt(m_tabs->currentIndex());
        if (!room)
            return;
        const auto level = action->data().value<Room::NotificationLevel>();
        room->setNotificationLevel(level);
        m_settings.setNotificationLevel(
            room->address(),
            QString::fromLatin1(QMetaEnum::fromType<Room::NotificationLevel>().valueToKey(int(level))));
    });
}

void MainWindow::retranslateUi()
{
    m_actions->retranslateUi();
    m_tabs->setAccessibleName(tr("Open rooms"));
    const QString joinKey = m_actions->action(WindowActions::JoinRoom)->shortcut().toString(QKeySequence::NativeText);
    m_emptyLabel->setText(tr("No room is open.\nPress %1 to join one.").arg(joinKey));
    for (int i = 0; i < m_tabs->count(); ++i)
        updateTab(i);
    updateWindowTitle();
    if (m_shortcutsDialog)
        m_shortcutsDialog->fill(*m_actions, currentRoomView());
}

void MainWindow::fitToScreen()
{
    // 760×560 suits a laptop at 1×; at 2× on a 1000-px-high screen that is 1120 px: too tall. Keep a
    // margin for the window frame, and start in the middle of the area the desktop leaves free.
    const QRect available = screen()->availableGeometry();
    const QSize size = QSize(760, 560).boundedTo(available.size() * 0.85).expandedTo(minimumSizeHint());
    resize(size);
    move(available.center() - QPoint(size.width() / 2, size.height() / 2));
}

void MainWindow::openRoom(const Client::RoomAddress &address)
{
    if (!address.isValid())
        return;
    m_settings.remember(address);
    const auto same = [&address](const Client::RoomAddress &other) { return other.roomKey() == address.roomKey(); };
    m_keptRooms.removeIf(same);
    m_closedRooms.removeIf(same); // open again: nothing to reopen
    Room *room = m_rooms->openRoom(address);
    const int row = m_rooms->rowOf(room);
    m_tabs->setCurrentIndex(row);
    if (RoomView *view = roomView(row))
        view->focusInput();
    saveSession();
}

void MainWindow::start(const Client::LaunchPlan &plan)
{
    m_keptRooms = plan.keep;
    for (const Client::RoomAddress &address : plan.reopen) {
        m_rooms->openRoom(address);
        if (plan.nameGiven)
            m_settings.setDisplayName(address.server, address.name);
    }
    if (plan.focus)
        openRoom(*plan.focus);
    else if (plan.askForRoom)
        showRoomPrompt(plan.promptServer, plan.promptName);
    saveSession();
}

void MainWindow::showRoomPrompt(const QUrl &server, const std::optional<QString> &name)
{
    auto *prompt = new RoomPrompt(this);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    const QStringList recentServers = m_settings.recentServers();
    prompt->setRecentServers(recentServers);
    if (!server.isEmpty())
        prompt->setServer(server.toString());
    prompt->setRecentRooms(m_settings.recentRooms());
    const QUrl suggested = server.isEmpty() ? QUrl(recentServers.value(0)) : server;
    prompt->setDisplayName(name.value_or(m_settings.displayName(suggested)));
    connect(prompt, &QDialog::accepted, this, [this, prompt] { openRoom(prompt->address()); });
    prompt->open();
}

ShortcutsDialog *MainWindow::showShortcuts()
{
    if (!m_shortcutsDialog) {
        m_shortcutsDialog = new ShortcutsDialog(this);
        m_shortcutsDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_shortcutsDialog->fill(*m_actions, currentRoomView());
    m_shortcutsDialog->show();
    m_shortcutsDialog->raise();
    m_shortcutsDialog->activateWindow();
    return m_shortcutsDialog;
}

RoomDirectoryDialog *MainWindow::showRoomDirectory()
{
    Room *room = m_rooms->roomAt(m_tabs->currentIndex());
    Client::Session *session = room ? m_rooms->session(room->address().server) : nullptr;
    if (!session) {
        say(tr("Open a room first: the rooms listed are those of its server."));
        return nullptr;
    }
    const QUrl server = session->server();
    auto *dialog = new RoomDirectoryDialog(session->api(), server.toDisplayString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RoomDirectoryDialog::roomChosen, this,
            [this, server](const QString &name, bool direct) { openRoom(addressOn(server, name, direct)); });
    dialog->open();
    return dialog;
}

RoomSettingsDialog *MainWindow::showRoomSettings()
{
    Room *room = m_rooms->roomAt(m_tabs->currentIndex());
    Client::Session *session = room ? m_rooms->session(room->address().server) : nullptr;
    if (!session) {
        say(tr("No room is open."));
        return nullptr;
    }
    if (!room->settings()->isOwner()) {
        say(tr("Only the owners of %1 can change its settings.").arg(room->title()));
        return nullptr;
    }
    auto *dialog = new RoomSettingsDialog(room, session->api(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

bool MainWindow::showSearch()
{
    Room *room = m_rooms->roomAt(m_tabs->currentIndex());
    Client::Session *session = room ? m_rooms->session(room->address().server) : nullptr;
    if (!session) {
        say(tr("No room is open."));
        return false;
    }
    if (m_search->isHidden()) {
        // The results take the upper part of the window; the splitter handle moves the border.
        const int height = m_central->height();
        m_central->setSizes({height * 2 / 5, height - height * 2 / 5});
    }
    m_search->open(session->api(), room->serverRoomName());
    return true;
}

void MainWindow::goToSearchResult(const QString &room, qint64 id)
{
    const Client::ServerApi *api = m_search->model()->api();
    if (!api || room.isEmpty())
        return;
    openRoom(addressOn(api->server(), room));
    if (RoomView *view = currentRoomView())
        view->goToMessage(id);
}

void MainWindow::updateSearchScope()
{
    Room *room = m_rooms->roomAt(m_tabs->currentIndex());
    Client::Session *session = room ? m_rooms->session(room->address().server) : nullptr;
    if (session && m_search->isVisible())
        m_search->setScope(session->api(), room->serverRoomName());
}

Client::RoomAddress MainWindow::addressOn(const QUrl &server, const QString &room, bool direct) const
{
    // The name the current room uses there, else the one last used on that server.
    const Room *current = m_rooms->roomAt(m_tabs->currentIndex());
    const bool sameServer =
        current && Client::Session::serverKey(current->address().server) == Client::Session::serverKey(server);
    return {server, room, sameServer ? current->address().name : m_settings.displayName(server), direct};
}

RoomView *MainWindow::roomView(int index) const
{
    return qobject_cast<RoomView *>(m_tabs->widget(index));
}

RoomView *MainWindow::currentRoomView() const
{
    return qobject_cast<RoomView *>(m_tabs->currentWidget());
}

QString MainWindow::statusMessage() const
{
    return statusBar()->currentMessage();
}

void MainWindow::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslateUi();
        break;
    case QEvent::PaletteChange: // the tabs' dots are drawn for the palette
        for (int i = 0; i < m_tabs->count(); ++i)
            updateTab(i);
        break;
    case QEvent::ActivationChange:
    case QEvent::WindowStateChange:
        updateRoomsInView();
        break;
    default:
        break;
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSession();
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.sync();
    event->accept();
}

void MainWindow::onRoomsInserted(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        Room *room = m_rooms->roomAt(row);
        auto *view = new RoomView(room, m_tabs);
        view->setEmojiModel(m_emoji);
        m_tabs->insertTab(row, view, room->title());
        const QString level = m_settings.notificationLevel(room->address());
        bool known = false;
        const int value = QMetaEnum::fromType<Room::NotificationLevel>().keyToValue(level.toLatin1(), &known);
        if (known)
            room->setNotificationLevel(Room::NotificationLevel(value));
        connect(room, &Room::messageArrived, this,
                [this, room](const Kaiwa::ChatMessage &message) { onMessageArrived(room, message); });
        connect(view, &RoomView::statusMessage, this, &MainWindow::say);
        connect(view, &RoomView::directMessageRequested, this,
                [this, room](const QString &account) { openRoom(addressOn(room->address().server, account, true)); });
        connect(room->settings(), &Client::RoomSettings::changed, this,
                [this, view] { updateTab(m_tabs->indexOf(view)); });
        // The tab's dot and tool tip follow the room's indicator, countdown included.
        connect(view->indicator(), &ConnectionIndicator::textChanged, this,
                [this, view] { updateTab(m_tabs->indexOf(view)); });
        updateTab(row);
    }
    m_stack->setCurrentWidget(m_tabs);
    updateRoomsInView();
}

void MainWindow::onRoomsAboutToBeRemoved(int first, int last)
{
    for (int row = last; row >= first; --row) {
        QWidget *view = m_tabs->widget(row);
        m_tabs->removeTab(row);
        delete view;
    }
    if (m_tabs->count() == 0)
        m_stack->setCurrentWidget(m_emptyLabel);
}

void MainWindow::updateTab(int index)
{
    Room *room = m_rooms->roomAt(index);
    if (!room || index >= m_tabs->count())
        return;
    const int unread = room->unreadCount();
    const QString name = room->title();
    // The server counts up to Protocol::maxUnreadCount: more reads "999+".
    const QString count =
        unread >= Protocol::maxUnreadCount ? tr("%1+").arg(Protocol::maxUnreadCount - 1) : QString::number(unread);
    QString text = name;
    if (room->mentionCount() > 0)
        text = tr("%1 (%2, @%3)", "tab: room (unread, mentions)").arg(name, count).arg(room->mentionCount());
    else if (unread > 0)
        text = tr("%1 (%2)").arg(name, count);
    m_tabs->setTabText(index, text);
    m_tabs->setTabIcon(index, ConnectionIndicator::stateIcon(room->connectionState(), palette()));
    const QString state = ConnectionIndicator::describe(*room);
    const QString topic = room->settings()->topic();
    m_tabs->setTabToolTip(index, room->address().pageUrl().toDisplayString() + u'\n'
                                     + (topic.isEmpty() ? QString() : topic + u'\n') + state);
}

void MainWindow::updateRoomsInView()
{
    const bool windowInView = isActiveWindow() && !isMinimized() && isVisible();
    for (int row = 0; row < m_rooms->rowCount(); ++row)
        m_rooms->roomAt(row)->setInView(windowInView && row == m_tabs->currentIndex());
}

void MainWindow::updateWindowTitle()
{
    const int unread = m_rooms ? m_rooms->totalUnread() : 0;
    Room *room = m_rooms ? m_rooms->roomAt(m_tabs->currentIndex()) : nullptr;
    QString title = room ? room->title() : QString();
    if (unread > 0)
        title = tr("%1 (%n unread)", nullptr, unread).arg(title);
    setWindowTitle(title);
    m_notifier->setToolTip(unread > 0 ? tr("Kaiwa: %n unread message(s)", nullptr, unread) : tr("Kaiwa"));
}

void MainWindow::onMessageArrived(Room *room, const Kaiwa::ChatMessage &message)
{
    if (room->isInView() || !room->shouldNotify(message))
        return;
    const QString who = message.user.isEmpty() ? tr("New message") : message.user;
    const QString title = room->mentionsYou(message) ? tr("%1 mentioned you in %2") : tr("%1 in %2");
    m_notifier->notify(title.arg(who, room->title()), message.text);
}

void MainWindow::updateNotificationLevel()
{
    Room *room = m_rooms ? m_rooms->roomAt(m_tabs->currentIndex()) : nullptr;
    const QList<QAction *> levels = m_actions->notificationGroup()->actions();
    for (QAction *level : levels) {
        level->setEnabled(room != nullptr);
        level->setChecked(room && level->data().value<Room::NotificationLevel>() == room->notificationLevel());
    }
}

void MainWindow::closeRoom(int index)
{
    Room *room = m_rooms->roomAt(index);
    if (!room) {
        say(tr("No room is open."));
        return;
    }
    const Client::RoomAddress address = room->address();
    m_closedRooms.removeIf(
        [&address](const Client::RoomAddress &closed) { return closed.roomKey() == address.roomKey(); });
    m_closedRooms.append(address);
    if (m_closedRooms.size() > maxClosedRooms)
        m_closedRooms.removeFirst();
    m_rooms->closeRoom(index);
    saveSession();
    const QString reopenKey =
        m_actions->action(WindowActions::ReopenRoom)->shortcut().toString(QKeySequence::NativeText);
    say(tr("Closed %1. %2 opens it again.").arg(address.room, reopenKey));
}

void MainWindow::reopenClosedRoom()
{
    if (m_closedRooms.isEmpty()) {
        say(tr("No room was closed."));
        return;
    }
    const Client::RoomAddress address = m_closedRooms.takeLast();
    openRoom(address);
    say(tr("Opened %1 again.").arg(address.room));
}

void MainWindow::reconnectCurrentRoom()
{
    Room *room = m_rooms->roomAt(m_tabs->currentIndex());
    if (!room) {
        say(tr("No room is open."));
        return;
    }
    // Connected, the link is checked by pings and comes back by itself if it drops: a reconnect would
    // only cost the room its members list and a history round-trip. Say so rather than do nothing.
    switch (room->connectionState()) {
    case Client::ConnectionState::Connected:
        say(tr("%1 is connected already.").arg(room->title()));
        return;
    case Client::ConnectionState::Connecting:
        say(tr("%1 is connecting already.").arg(room->title()));
        return;
    case Client::ConnectionState::WaitingToReconnect:
    case Client::ConnectionState::Disconnected:
        break;
    }
    room->reconnectNow();
    say(tr("Reconnecting %1…").arg(room->title()));
}

void MainWindow::goToRoom(int index)
{
    if (index >= m_tabs->count()) {
        say(tr("There is no room %1: %n room(s) open.", nullptr, m_tabs->count()).arg(index + 1));
        return;
    }
    m_tabs->setCurrentIndex(index);
}

void MainWindow::stepRoom(int step)
{
    const int count = m_tabs->count();
    if (count == 0) {
        say(tr("No room is open."));
    } else if (count == 1) {
        say(tr("%1 is the only open room.").arg(m_rooms->roomAt(0)->title()));
    } else {
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + step + count) % count);
    }
}

void MainWindow::withCurrentRoom(const std::function<void(RoomView *)> &use)
{
    if (RoomView *view = currentRoomView())
        use(view);
    else
        say(tr("No room is open."));
}

void MainWindow::say(const QString &message)
{
    statusBar()->showMessage(message, sayTimeout);
}

void MainWindow::saveSession()
{
    m_settings.setOpenRooms(m_rooms->addresses() + m_keptRooms);
}

void MainWindow::onSessionAdded(Client::Session *session)
{
    connect(session, &Client::Session::signInRequired, this,
            [this, session](const QString &name) { askToSignIn(session, name); });
}

void MainWindow::askToSignIn(Client::Session *session, const QString &name)
{
    if (m_loginDialog)
        return; // one question at a time; the rooms of that server follow its answer
    auto *dialog = new LoginDialog(session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAccountName(name);
    m_loginDialog = dialog;
    dialog->open();
}

void MainWindow::onTokensSessionOnly()
{
    // Shown for a while, not for good: the answers to shortcuts use the same place.
    statusBar()->showMessage(tr("No keychain is available: you stay signed in until Kaiwa quits."), 30000);
}

} // namespace Kaiwa::Ui
