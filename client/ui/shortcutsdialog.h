// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QKeySequence>

class QAction;
class QMenu;
class QTreeWidget;

namespace Kaiwa::Ui {

class WindowActions;

/**
 * Help > Keyboard Shortcuts: every shortcut of the window in groups (one per menu, the rooms, the
 * message box), each action with all of its shortcuts (a menu shows only the first). Filled from the
 * actions themselves, so the list follows them; the caller fills it again when the language changes.
 */
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    /// A key that is no QAction (the message box's Enter), with what it does.
    struct Key {
        QString what;
        QKeySequence keys;
    };

    explicit ShortcutsDialog(QWidget *parent = nullptr);

    /// Lists the window's keys: its menus, "go to room N", the room's own actions (`room`: the current
    /// room's view, if any), and the message box's keys. Empties the list first.
    void fill(const WindowActions &actions, const QWidget *room);
    /// Empties the list (before filling it again).
    void clear();
    /// A group for the menu's actions that have a shortcut, its submenus' included.
    void addMenu(QMenu *menu);
    /// A group for the actions among `actions` that have a shortcut.
    void addGroup(const QString &title, const QList<QAction *> &actions);
    /// A group for keys that are no actions.
    void addKeys(const QString &title, const QList<Key> &keys);

    QTreeWidget *list() const { return m_list; }
    /// A key sequence as the list writes it: the platform's notation, Shift+Tab for Backtab, Enter for Return.
    static QString keyText(const QKeySequence &key);
    /// Every key sequence listed, in the platform's notation (for tests and screen readers alike).
    QStringList listedShortcuts() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void addRows(const QString &title, const QList<std::pair<QString, QList<QKeySequence>>> &rows);

    QTreeWidget *m_list;
};

} // namespace Kaiwa::Ui
