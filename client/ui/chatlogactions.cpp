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
    , m_reply(new QAction(this))
    , m_react(new QAction(this))
    , m_edit(new QAction(this))
    , m_delete(new QAction(this))
{
    m_copy->setShortcut(QKeySequence::Copy);
    m_copyMessage->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_openLinks->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_selectAll->setShortcut(QKeySequence::SelectAll);
    // Single keys, as chat clients have them: the log is no text field, letters type nothing there.
    m_reply->setShortcut(QKeySequence(Qt::Key_R));
    m_react->setShortcut(QKeySequence(Qt::Key_Plus));
    m_edit->setShortcut(QKeySequence(Qt::Key_E));
    m_delete->setShortcut(QKeySequence::Delete);
    m_reply->setObjectName(QStringLiteral("replyAction"));
    m_react->setObjectName(QStringLiteral("reactAction"));
    m_edit->setObjectName(QStringLiteral("editAction"));
    m_delete->setObjectName(QStringLiteral("deleteAction"));
    for (QAction *action : {m_copy, m_copyMessage, m_openLinks, m_selectAll, m_reply, m_react, m_edit, m_delete}) {
        action->setShortcutContext(Qt::WidgetShortcut);
        view->addAction(action);
    }
    connect(m_copy, &QAction::triggered, this, &ChatLogActions::copy);
    connect(m_copyMessage, &QAction::triggered, this, [this] { copyMessage(targetRow()); });
    connect(m_openLinks, &QAction::triggered, this, [this] { openLinks(targetRow()); });
    connect(m_selectAll, &QAction::triggered, view, &ChatLogView::selectAll);
    // A shortcut on a message that cannot take the action is answered by nothing rather than a wrong target.
    connect(m_reply, &QAction::triggered, this, [this] {
        if (canAnswer(targetRow()))
            Q_EMIT replyRequested(targetRow());
    });
    connect(m_react, &QAction::triggered, this, [this] {
        if (canAnswer(targetRow()))
            Q_EMIT reactRequested(targetRow());
    });
    connect(m_edit, &QAction::triggered, this, [this] {
        if (canChange(targetRow()))
            Q_EMIT editRequested(targetRow());
    });
    connect(m_delete, &QAction::triggered, this, [this] {
        if (canDelete(targetRow()))
            Q_EMIT deleteRequested(targetRow());
    });
    retranslateUi();
}

void ChatLogActions::setConversationsEnabled(bool enabled)
{
    m_conversations = enabled;
    for (QAction *action : conversationActions())
        action->setEnabled(enabled);
}

bool ChatLogActions::canAnswer(int row) const
{
    const Client::ChatLogModel *model = m_view->model();
    if (!m_conversations || !model || row < 0 || row >= model->rowCount())
        return false;
    const QModelIndex index = model->index(row, 0);
    return index.data(Client::ChatLogModel::KindRole).value<Client::ChatLogModel::Kind>()
               == Client::ChatLogModel::Kind::Message
           && index.data(Client::ChatLogModel::IdRole).toLongLong() > 0
           && !index.data(Client::ChatLogModel::DeletedRole).toBool();
}

bool ChatLogActions::canChange(int row) const
{
    const Client::ChatLogModel *model = m_view->model();
    return m_conversations && model && row >= 0 && row < model->rowCount()
           && Client::ChatLogModel::isEditable(model->index(row, 0));
}

bool ChatLogActions::canDelete(int row) const
{
    return canChange(row) || (m_deletesAny && canAnswer(row));
}

void ChatLogActions::retranslateUi()
{
    m_copy->setText(tr("&Copy"));
    m_copyMessage->setText(tr("Copy &Message"));
    m_openLinks->setText(tr("&Open Links in Message"));
    m_selectAll->setText(tr("Select &All"));
    m_reply->setText(tr("&Reply"));
    m_react->setText(tr("Add Reac&tion…"));
    m_edit->setText(tr("&Edit"));
    m_delete->setText(tr("&Delete…"));
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
    m_reply->setEnabled(canAnswer(row));
    m_react->setEnabled(canAnswer(row));
    m_edit->setEnabled(canChange(row));
    m_delete->setEnabled(canDelete(row));
    QMenu menu(m_view);
    menu.setObjectName(QStringLiteral("chatLogMenu"));
    if (m_conversations) {
        menu.addActions({m_reply, m_react, m_edit, m_delete});
        menu.addSeparator();
    }
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
    setConversationsEnabled(m_conversations);
}

} // namespace Kaiwa::Ui
