// SPDX-License-Identifier: MIT
#include "windowactions.h"

#include "languageswitcher.h"
#include "themeswitcher.h"

#include "client/room.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QMenuBar>
#include <QMetaEnum>
#include <QRegularExpression>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;

WindowActions::WindowActions(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_languageGroup(new QActionGroup(this))
    , m_systemLanguage(new QAction(m_languageGroup))
    , m_themeGroup(new QActionGroup(this))
    , m_systemTheme(new QAction(m_themeGroup))
    , m_lightTheme(new QAction(m_themeGroup))
    , m_darkTheme(new QAction(m_themeGroup))
    , m_notificationGroup(new QActionGroup(this))
{
    const QMetaEnum ids = QMetaEnum::fromType<Id>();
    for (int i = 0; i < ids.keyCount(); ++i)
        add(Id(ids.value(i)));

    action(JoinRoom)->setShortcuts({QKeySequence::New, QKeySequence(Qt::CTRL | Qt::Key_T)});
    action(BrowseRooms)->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    action(FindMessages)->setShortcuts(QKeySequence::Find);
    action(Reconnect)->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_F5)});
    // Ctrl+W first, so that the menu shows it (the platform's list may begin with Ctrl+F4).
    QList<QKeySequence> close{QKeySequence(Qt::CTRL | Qt::Key_W)};
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Close)) {
        if (!close.contains(key))
            close.append(key);
    }
    action(CloseRoom)->setShortcuts(close);
    action(ReopenRoom)->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    action(Quit)->setShortcuts(QKeySequence::Quit);
    action(Quit)->setMenuRole(QAction::QuitRole);
    action(NextRoom)->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_PageDown), QKeySequence::NextChild});
    action(PreviousRoom)->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_PageUp), QKeySequence::PreviousChild});
    action(FocusInput)->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    action(FocusLog)->setShortcut(QKeySequence(Qt::Key_F6));
    action(KeyboardShortcuts)->setShortcuts({QKeySequence::HelpContents, QKeySequence(Qt::CTRL | Qt::Key_Slash)});
    action(About)->setMenuRole(QAction::AboutRole);
    action(AboutQt)->setMenuRole(QAction::AboutQtRole);

    // Alt+1 ... Alt+9 jump to a room, as in Quassel and browsers: shortcuts of the window, in no menu.
    for (int i = 0; i < roomShortcutCount; ++i) {
        auto *room = new QAction(this);
        room->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        room->setData(i);
        m_window->addAction(room);
        m_roomActions.append(room);
    }

    m_languageGroup->setExclusive(true);
    m_systemLanguage->setData(QString());
    const QStringList languages = LanguageSwitcher::availableLanguages();
    for (const QString &language : languages) {
        // Each language is named in itself, so it can be found whatever the current language.
        auto *choice = new QAction(LanguageSwitcher::nativeName(language), m_languageGroup);
        choice->setData(language);
    }
    m_themeGroup->setExclusive(true);
    m_systemTheme->setData(ThemeSwitcher::key(ThemeSwitcher::Theme::System));
    m_lightTheme->setData(ThemeSwitcher::key(ThemeSwitcher::Theme::Light));
    m_darkTheme->setData(ThemeSwitcher::key(ThemeSwitcher::Theme::Dark));
    using Level = Client::Room::NotificationLevel;
    for (const Level level : {Level::All, Level::Mentions, Level::None})
        (new QAction(m_notificationGroup))->setData(QVariant::fromValue(level));
    for (QActionGroup *group : {m_languageGroup, m_themeGroup, m_notificationGroup}) {
        const QList<QAction *> choices = group->actions();
        for (QAction *choice : choices)
            choice->setCheckable(true);
    }
}

QAction *WindowActions::add(Id id)
{
    auto *created = new QAction(this);
    created->setObjectName(QString::fromLatin1(QMetaEnum::fromType<Id>().valueToKey(id)));
    Q_ASSERT(m_actions.size() == id);
    m_actions.append(created);
    return created;
}

void WindowActions::createMenus(QMenuBar *menuBar)
{
    m_roomMenu = menuBar->addMenu(QString());
    m_roomMenu->addActions(
        {action(JoinRoom), action(BrowseRooms), action(Reconnect), action(CloseRoom), action(ReopenRoom)});
    m_roomMenu->addSeparator();
    m_roomMenu->addAction(action(FindMessages));
    m_roomMenu->addAction(action(RoomSettings));
    m_roomMenu->addSeparator();
    m_notificationMenu = m_roomMenu->addMenu(QString());
    m_notificationMenu->addActions(m_notificationGroup->actions());
    m_roomMenu->addSeparator();
    m_roomMenu->addAction(action(Quit));

    m_viewMenu = menuBar->addMenu(QString());
    m_viewMenu->addActions({action(NextRoom), action(PreviousRoom)});
    m_viewMenu->addSeparator();
    m_viewMenu->addActions({action(FocusInput), action(FocusLog)});
    m_viewMenu->addSeparator();
    m_themeMenu = m_viewMenu->addMenu(QString());
    m_themeMenu->addActions(m_themeGroup->actions());
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addActions(m_languageGroup->actions());

    m_helpMenu = menuBar->addMenu(QString());
    m_helpMenu->addAction(action(KeyboardShortcuts));
    m_helpMenu->addSeparator();
    m_helpMenu->addActions({action(About), action(AboutQt)});
}

void WindowActions::retranslateUi()
{
    action(JoinRoom)->setText(tr("&Join Room…"));
    action(BrowseRooms)->setText(tr("&Browse Rooms…"));
    action(FindMessages)->setText(tr("&Find Messages…"));
    action(RoomSettings)->setText(tr("Room &Settings…"));
    action(Reconnect)->setText(tr("&Reconnect Now"));
    action(CloseRoom)->setText(tr("&Close Room"));
    action(ReopenRoom)->setText(tr("Re&open Closed Room"));
    action(Quit)->setText(tr("&Quit"));
    action(NextRoom)->setText(tr("&Next Room"));
    action(PreviousRoom)->setText(tr("&Previous Room"));
    action(FocusInput)->setText(tr("Go to &Message Box"));
    action(FocusLog)->setText(tr("Go to Chat &Log"));
    action(KeyboardShortcuts)->setText(tr("&Keyboard Shortcuts"));
    action(About)->setText(tr("&About Kaiwa"));
    action(AboutQt)->setText(tr("About &Qt"));
    for (QAction *room : std::as_const(m_roomActions))
        room->setText(tr("Go to Room %1").arg(room->data().toInt() + 1));
    m_systemLanguage->setText(tr("&System Default"));
    m_systemTheme->setText(tr("&System", "theme: follow the system's colour scheme"));
    m_lightTheme->setText(tr("&Light", "theme"));
    m_darkTheme->setText(tr("&Dark", "theme"));
    const QList<QAction *> levels = m_notificationGroup->actions();
    levels.at(0)->setText(tr("&All Messages", "notifications"));
    levels.at(1)->setText(tr("Only &Mentions of Me", "notifications"));
    levels.at(2)->setText(tr("&None", "notifications"));
    if (m_roomMenu) {
        m_roomMenu->setTitle(tr("&Room"));
        m_notificationMenu->setTitle(tr("&Notifications"));
        m_viewMenu->setTitle(tr("&View"));
        m_themeMenu->setTitle(tr("&Theme"));
        m_languageMenu->setTitle(tr("Lan&guage"));
        m_helpMenu->setTitle(tr("&Help"));
    }
}

QString WindowActions::plainText(const QString &text)
{
    // "終了(&Q)": a mnemonic in parentheses after the text, as Japanese menus write it, goes whole.
    static const QRegularExpression appended(uR"(\s*\(&[^&]\))"_s);
    QString plain = text;
    plain.remove(appended);
    static const QRegularExpression marker(uR"(&(.))"_s);
    return plain.replace(marker, uR"(\1)"_s); // "&&" is a literal "&"
}

} // namespace Kaiwa::Ui
