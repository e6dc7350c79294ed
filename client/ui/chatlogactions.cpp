// SPDX-License-Identifier: MIT
#include "chatlogactions.h"

#include "chatlogview.h"
#include "messagelayout.h"

#include "client/chatlogmodel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>

namespace Kaiwa::Ui {

ChatLogActions::ChatLogActions(ChatLogView *view)
    : QObject(view)
    , m_view(view)
    , m_copy(new QAction(this))
    , m_copyMessage(new QAction(this))
    , m_openLinks(new QAction(this))
    , m_selectAll(new QAction(this))
{
    m_copy->setShortcut(QKeySequence::Copy);
    m_copyMessage->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_openLinks->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_selectAll->setShortcut(QKeySequence::SelectAll);
    for (QAction *action : {m_copy, m_copyMessage, m_openLinks, m_selectAll}) {
        action->setShortcutContext(Qt::WidgetShortcut);
        view->addAction(action);
    }
    connect(m_copy, &QAction::triggered, this, &ChatLogActions::copy);
    connect(m_copyMessage, &QAction::triggered, this, [this] { copyMessage(targetRow()); });
    connect(m_openLinks, &QAction::triggered, this, [this] { openLinks(targetRow()); });
    connect(m_selectAll, &QAction::triggered, view, &ChatLogView::selectAll);
    retranslateUi();
}

void ChatLogActions::retranslateUi()
{
    m_copy->setText(tr("&Copy"));
    m_copyMessage->setText(tr("Copy &Message"));
    m_openLinks->setText(tr("&Open Links in Message"));
    m_selectAll->setText(tr("Select &All"));
}

void ChatLogActions::copy()
{
    if (!m_view->selection().isEmpty())
        QGuiApplication::clipboard()->setText(m_view->selectedText());
    else
        copyMessage(targetRow());
}

void ChatLogActions::copyMessage(int row)
{
    const Client::ChatLogModel *model = m_view->model();
    if (model && row >= 0 && row < model->rowCount())
        QGuiApplication::clipboard()->setText(model->index(row, 0).data(Client::ChatLogModel::TextRole).toString());
}

void ChatLogActions::openLinks(int row)
{
    const Client::ChatLogModel *model = m_view->model();
    if (!model || row < 0 || row >= model->rowCount())
        return;
    const QList<Client::TextLink> links = m_view->rowLayout(row).links();
    for (const Client::TextLink &link : links)
        Q_EMIT m_view->linkActivated(link.url);
}

int ChatLogActions::targetRow() const
{
    return m_menuRow >= 0 ? m_menuRow : m_view->currentRow();
}

void ChatLogActions::execContextMenu(const QPoint &globalPosition, int row)
{
    m_menuRow = row;
    m_copy->setEnabled(!m_view->selection().isEmpty() || row >= 0);
    m_copyMessage->setEnabled(row >= 0);
    m_openLinks->setEnabled(row >= 0 && !m_view->rowLayout(row).links().isEmpty());
    QMenu menu(m_view);
    menu.addAction(m_copy);
    menu.addAction(m_copyMessage);
    menu.addAction(m_openLinks);
    menu.addSeparator();
    menu.addAction(m_selectAll);
    menu.exec(globalPosition);
    // The shortcuts work on the current message again.
    m_menuRow = -1;
    for (QAction *action : {m_copy, m_copyMessage, m_openLinks})
        action->setEnabled(true);
}

} // namespace Kaiwa::Ui
