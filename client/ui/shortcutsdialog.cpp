// SPDX-License-Identifier: MIT
#include "shortcutsdialog.h"

#include "chatlogview.h"
#include "messageinput.h"
#include "windowactions.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QMenu>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;

namespace {

QString keysText(const QList<QKeySequence> &keys)
{
    QStringList texts;
    for (const QKeySequence &key : keys)
        texts.append(ShortcutsDialog::keyText(key));
    return texts.join(", "_L1);
}

/// The menu's actions and its submenus' actions, in menu order.
QList<QAction *> actionsOf(const QMenu *menu)
{
    QList<QAction *> actions;
    const QList<QAction *> entries = menu->actions();
    for (QAction *entry : entries) {
        if (entry->menu())
            actions += actionsOf(entry->menu());
        else if (!entry->isSeparator())
            actions.append(entry);
    }
    return actions;
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget *parent)
    : QDialog(parent)
    , m_list(new QTreeWidget(this))
{
    setObjectName(u"shortcutsDialog"_s);
    m_list->setObjectName(u"shortcutList"_s);
    m_list->setColumnCount(2);
    m_list->setRootIsDecorated(false);
    m_list->setItemsExpandable(false);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setFocusPolicy(Qt::StrongFocus); // read with the arrow keys
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(480, 520);
    retranslateUi();
}

void ShortcutsDialog::fill(const WindowActions &actions, const QWidget *room)
{
    clear();
    const QList<QMenu *> menus = actions.menus();
    for (QMenu *menu : menus)
        addMenu(menu);
    addGroup(tr("Switching Rooms"), actions.roomActions());
    if (room) // its actions, whatever they are: the log's, the message box's
        addGroup(tr("In a room"), room->findChildren<QAction *>());
    addRows(tr("In the chat log"), ChatLogView::keys());
    addKeys(tr("In the message box"), MessageInput::keys());
}

void ShortcutsDialog::clear()
{
    m_list->clear();
}

void ShortcutsDialog::addMenu(QMenu *menu)
{
    addGroup(WindowActions::plainText(menu->title()), actionsOf(menu));
}

void ShortcutsDialog::addGroup(const QString &title, const QList<QAction *> &actions)
{
    QList<std::pair<QString, QList<QKeySequence>>> rows;
    for (const QAction *action : actions) {
        if (!action->shortcuts().isEmpty())
            rows.append({WindowActions::plainText(action->text()), action->shortcuts()});
    }
    addRows(title, rows);
}

void ShortcutsDialog::addKeys(const QString &title, const QList<Key> &keys)
{
    QList<std::pair<QString, QList<QKeySequence>>> rows;
    for (const Key &key : keys)
        rows.append({key.what, {key.keys}});
    addRows(title, rows);
}

void ShortcutsDialog::addRows(const QString &title, const QList<std::pair<QString, QList<QKeySequence>>> &rows)
{
    if (rows.isEmpty())
        return;
    auto *group = new QTreeWidgetItem(m_list, {title});
    group->setFirstColumnSpanned(true);
    QFont bold = group->font(0);
    bold.setBold(true);
    group->setFont(0, bold);
    group->setFlags(Qt::ItemIsEnabled);
    for (const auto &[what, keys] : rows) {
        auto *row = new QTreeWidgetItem(group, {what, keysText(keys)});
        row->setFlags(Qt::ItemIsEnabled);
        // Read out as one sentence: "Close Room: Ctrl+W".
        row->setData(0, Qt::AccessibleTextRole, u"%1: %2"_s.arg(what, keysText(keys)));
    }
    group->setExpanded(true);
}

QString ShortcutsDialog::keyText(const QKeySequence &key)
{
    // Shift+Tab arrives as Backtab, and Qt names it so; people press Shift and Tab. The main keyboard's
    // Enter is Qt's Return (its Enter is the keypad's); the key is labelled Enter, and both send.
    static const QRegularExpression returnKey(uR"(\bReturn\b)"_s);
    return key.toString(QKeySequence::NativeText)
        .replace("Shift+Backtab"_L1, "Shift+Tab"_L1)
        .replace(returnKey, u"Enter"_s);
}

QStringList ShortcutsDialog::listedShortcuts() const
{
    QStringList shortcuts;
    for (int group = 0; group < m_list->topLevelItemCount(); ++group) {
        const QTreeWidgetItem *item = m_list->topLevelItem(group);
        for (int row = 0; row < item->childCount(); ++row)
            shortcuts += item->child(row)->text(1).split(", "_L1);
    }
    return shortcuts;
}

void ShortcutsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ShortcutsDialog::retranslateUi()
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_list->setHeaderLabels({tr("Action"), tr("Keys")});
    m_list->setAccessibleName(tr("Keyboard shortcuts"));
}

} // namespace Kaiwa::Ui
