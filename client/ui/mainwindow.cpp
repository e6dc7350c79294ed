// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "appicon.h"
#include "chatlogview.h"
#include "connectionindicator.h"
#include "languageswitcher.h"
#include "logindialog.h"
#include "messageinput.h"
#include "notifier.h"
#include "roomprompt.h"
#include "roomview.h"

#include "client/clientsettings.h"
#include "client/room.h"
#include "client/roomlistmodel.h"
#include "client/session.h"
#include "client/tokenstore.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;
using Client::Room;
using Client::RoomListModel;

MainWindow::MainWindow(RoomListModel *rooms, Client::ClientSettings &settings, LanguageSwitcher *languages,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_rooms(rooms)
    , m_settings(settings)
    , m_languages(languages)
    , m_stack(new QStackedWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_statusLabel(new QLabel(this))
    , m_emptyLabel(new QLabel(this))
    , m_notifier(new Notifier(this, applicationIcon(), this))
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(applicationIcon());
    m_tabs->setObjectName(u"roomTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setElideMode(Qt::ElideRight);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setTextFormat(Qt::PlainText);
    m_statusLabel->setObjectName(u"connectionStatus"_s);
    m_statusLabel->setTextFormat(Qt::PlainText);
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(m_tabs);
    setCentralWidget(m_stack);
    statusBar()->addWidget(m_statusLabel, 1);
    resize(760, 560);
    if (const QByteArray geometry = m_settings.windowGeometry(); !geometry.isEmpty())
        restoreGeometry(geometry);

    createActions();
    createMenus();

    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        updateRoomsInView();
        updateStatus();
        updateWindowTitle();
        if (RoomView *view = currentRoomView())
            view->focusInput();
    });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeRoom);
    connect(m_rooms, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRoomsInserted(first, last); });
    connect(m_rooms, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) { onRoomsAboutToBeRemoved(first, last); });
    connect(m_rooms, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
                    updateTab(row);
                updateStatus();
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
    if (m_languages) {
        connect(m_languages, &LanguageSwitcher::languageChanged, this, [this](const QString &choice) {
            for (QAction *action : m_languageGroup->actions())
                action->setChecked(action->data().toString() == choice);
        });
    }

    if (m_rooms->rowCount() > 0)
        onRoomsInserted(0, m_rooms->rowCount() - 1);
    retranslateUi();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_joinAction = new QAction(this);
    m_joinAction->setShortcuts({QKeySequence::New, QKeySequence(Qt::CTRL | Qt::Key_T)});
    connect(m_joinAction, &QAction::triggered, this, [this] { showRoomPrompt(); });

    m_reconnectAction = new QAction(this);
    m_reconnectAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_F5)});
    connect(m_reconnectAction, &QAction::triggered, this, &MainWindow::reconnectCurrentRoom);

    m_closeRoomAction = new QAction(this);
    m_closeRoomAction->setShortcuts(QKeySequence::Close);
    connect(m_closeRoomAction, &QAction::triggered, this, [this] { closeRoom(m_tabs->currentIndex()); });

    m_quitAction = new QAction(this);
    m_quitAction->setShortcuts(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_nextRoomAction = new QAction(this);
    m_nextRoomAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_PageDown), QKeySequence::NextChild});
    connect(m_nextRoomAction, &QAction::triggered, this, [this] {
        if (m_tabs->count() > 0)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count());
    });
    m_previousRoomAction = new QAction(this);
    m_previousRoomAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_PageUp), QKeySequence::PreviousChild});
    connect(m_previousRoomAction, &QAction::triggered, this, [this] {
        if (m_tabs->count() > 0)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
    });

    m_focusInputAction = new QAction(this);
    m_focusInputAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_focusInputAction, &QAction::triggered, this, [this] {
        if (RoomView *view = currentRoomView())
            view->focusInput();
    });
    m_focusLogAction = new QAction(this);
    m_focusLogAction->setShortcut(QKeySequence(Qt::Key_F6));
    connect(m_focusLogAction, &QAction::triggered, this, [this] {
        if (RoomView *view = currentRoomView())
            view->logView()->setFocus(Qt::ShortcutFocusReason);
    });

    // Alt+1 ... Alt+9 jump to a room, as in Quassel and browsers.
    for (int i = 0; i < 9; ++i) {
        auto *action = new QAction(this);
        action->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] {
            if (i < m_tabs->count())
                m_tabs->setCurrentIndex(i);
        });
        addAction(action);
    }

    m_aboutAction = new QAction(this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Kaiwa"),
                           tr("Kaiwa %1\nA desktop client for Kaiwa and Django Channels chat rooms.")
                               .arg(QCoreApplication::applicationVersion()));
    });
    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);

    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    m_systemLanguageAction = new QAction(m_languageGroup);
    m_systemLanguageAction->setData(QString());
    m_systemLanguageAction->setCheckable(true);
    const QStringList languages = LanguageSwitcher::availableLanguages();
    for (const QString &language : languages) {
        // Each language is named in itself, so it can be found whatever the current language.
        auto *action = new QAction(LanguageSwitcher::nativeName(language), m_languageGroup);
        action->setData(language);
        action->setCheckable(true);
    }
    const QString choice = m_languages ? m_languages->choice() : QString();
    for (QAction *action : m_languageGroup->actions())
        action->setChecked(action->data().toString() == choice);
    connect(m_languageGroup, &QActionGroup::triggered, this, [this](QAction *action) {
        const QString language = action->data().toString();
        m_settings.setLanguage(language);
        if (m_languages)
            m_languages->setLanguage(language);
    });
}

void MainWindow::createMenus()
{
    m_roomMenu = menuBar()->addMenu(QString());
    m_roomMenu->addAction(m_joinAction);
    m_roomMenu->addAction(m_reconnectAction);
    m_roomMenu->addAction(m_closeRoomAction);
    m_roomMenu->addSeparator();
    m_roomMenu->addAction(m_quitAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_nextRoomAction);
    m_viewMenu->addAction(m_previousRoomAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_focusInputAction);
    m_viewMenu->addAction(m_focusLogAction);
    m_viewMenu->addSeparator();
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addActions(m_languageGroup->actions());

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::retranslateUi()
{
    m_roomMenu->setTitle(tr("&Room"));
    m_joinAction->setText(tr("&Join Room…"));
    m_reconnectAction->setText(tr("&Reconnect Now"));
    m_closeRoomAction->setText(tr("&Close Room"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_nextRoomAction->setText(tr("&Next Room"));
    m_previousRoomAction->setText(tr("&Previous Room"));
    m_focusInputAction->setText(tr("Go to &Message Box"));
    m_focusLogAction->setText(tr("Go to Chat &Log"));
    m_languageMenu->setTitle(tr("&Language"));
    m_systemLanguageAction->setText(tr("&System Default"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Kaiwa"));
    m_aboutQtAction->setText(tr("About &Qt"));
    m_tabs->setAccessibleName(tr("Open rooms"));
    m_statusLabel->setAccessibleName(tr("Connection state"));
    m_emptyLabel->setText(tr("No room is open.\nPress %1 to join one.")
                              .arg(m_joinAction->shortcut().toString(QKeySequence::NativeText)));
    for (int i = 0; i < m_tabs->count(); ++i)
        updateTab(i);
    updateStatus();
    updateWindowTitle();
}

void MainWindow::openRoom(const Client::RoomAddress &address)
{
    if (!address.isValid())
        return;
    m_settings.remember(address);
    m_keptRooms.removeIf([&address](const Client::RoomAddress &kept) { return kept.roomKey() == address.roomKey(); });
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

RoomView *MainWindow::roomView(int index) const
{
    return qobject_cast<RoomView *>(m_tabs->widget(index));
}

RoomView *MainWindow::currentRoomView() const
{
    return qobject_cast<RoomView *>(m_tabs->currentWidget());
}

QString MainWindow::statusText() const
{
    return m_statusLabel->text();
}

void MainWindow::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslateUi();
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
        m_tabs->insertTab(row, view, room->address().room);
        connect(room, &Room::messageArrived, this, [this, room](const Kaiwa::ChatMessage &message) {
            onMessageArrived(room, message.user, message.text);
        });
        // The status bar and the tab repeat what the room's indicator says, countdown included.
        connect(view->indicator(), &ConnectionIndicator::textChanged, this, [this, view] {
            const int index = m_tabs->indexOf(view);
            updateTab(index);
            if (index == m_tabs->currentIndex())
                updateStatus();
        });
        updateTab(row);
    }
    m_stack->setCurrentWidget(m_tabs);
    m_closeRoomAction->setEnabled(true);
    updateRoomsInView();
}

void MainWindow::onRoomsAboutToBeRemoved(int first, int last)
{
    for (int row = last; row >= first; --row) {
        QWidget *view = m_tabs->widget(row);
        m_tabs->removeTab(row);
        delete view;
    }
    if (m_tabs->count() == 0) {
        m_stack->setCurrentWidget(m_emptyLabel);
        m_closeRoomAction->setEnabled(false);
    }
}

void MainWindow::updateTab(int index)
{
    Room *room = m_rooms->roomAt(index);
    if (!room || index >= m_tabs->count())
        return;
    const int unread = room->unreadCount();
    const QString name = room->address().room;
    m_tabs->setTabText(index, unread > 0 ? tr("%1 (%2)").arg(name).arg(unread) : name);
    m_tabs->setTabIcon(index, ConnectionIndicator::stateIcon(room->connectionState()));
    const QString state = ConnectionIndicator::describe(*room);
    m_tabs->setTabToolTip(index, room->address().pageUrl().toDisplayString() + u'\n' + state);
}

void MainWindow::updateRoomsInView()
{
    const bool windowInView = isActiveWindow() && !isMinimized() && isVisible();
    for (int row = 0; row < m_rooms->rowCount(); ++row)
        m_rooms->roomAt(row)->setInView(windowInView && row == m_tabs->currentIndex());
}

void MainWindow::updateStatus()
{
    const int index = m_tabs->currentIndex();
    Room *room = m_rooms ? m_rooms->roomAt(index) : nullptr;
    m_statusLabel->setText(room ? u"%1: %2"_s.arg(room->address().room, ConnectionIndicator::describe(*room))
                                : QString());
    m_reconnectAction->setEnabled(room != nullptr);
}

void MainWindow::updateWindowTitle()
{
    const int unread = m_rooms ? m_rooms->totalUnread() : 0;
    Room *room = m_rooms ? m_rooms->roomAt(m_tabs->currentIndex()) : nullptr;
    QString title = room ? room->address().room : QString();
    if (unread > 0)
        title = tr("%1 (%n unread)", nullptr, unread).arg(title);
    setWindowTitle(title);
    m_notifier->setToolTip(unread > 0 ? tr("Kaiwa: %n unread message(s)", nullptr, unread) : tr("Kaiwa"));
}

void MainWindow::onMessageArrived(Room *room, const QString &sender, const QString &text)
{
    if (room->isInView())
        return;
    const QString who = sender.isEmpty() ? tr("New message") : sender;
    m_notifier->notify(tr("%1 in %2").arg(who, room->address().room), text);
}

void MainWindow::closeRoom(int index)
{
    if (index < 0 || index >= m_tabs->count())
        return;
    m_rooms->closeRoom(index);
    saveSession();
}

void MainWindow::reconnectCurrentRoom()
{
    if (Room *room = m_rooms->roomAt(m_tabs->currentIndex()))
        room->reconnectNow();
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
    // Shown for a while, not for good: the status bar's own line (the connection) comes back after it.
    statusBar()->showMessage(tr("No keychain is available: you stay signed in until Kaiwa quits."), 30000);
}

} // namespace Kaiwa::Ui

