// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QAction;
class QPoint;

namespace Kaiwa::Ui {

class ChatLogView;

/**
 * What can be done with the messages of a ChatLogView, as actions: the view's shortcuts and its context
 * menu. Copy (the selection, or the current message when nothing is selected, Ctrl+C), Copy Message
 * (Ctrl+Shift+C), Open Links in Message (Ctrl+Enter), Select All (Ctrl+A). A message action applies to
 * the message the menu was opened on, otherwise to the view's current message.
 *
 * The conversation actions, on a message of the room (not a notice, not one still to be sent): Reply (R),
 * Add Reaction (+), and on the user's own messages Edit (E) and Delete (Delete; on every message for a moderator
 * of the room, setDeletesAny()). The view cannot do them:
 * they are asked for with a signal naming the row, and the room's view does them (it has the message box,
 * the picker, the room). They are off where the room's server knows none of them.
 */
class ChatLogActions : public QObject
{
    Q_OBJECT

public:
    /// The actions are added to `view` (widget shortcuts) and owned by this object, a child of the view.
    explicit ChatLogActions(ChatLogView *view);

    QAction *copyAction() const { return m_copy; }
    QAction *copyMessageAction() const { return m_copyMessage; }
    QAction *openLinksAction() const { return m_openLinks; }
    QAction *selectAllAction() const { return m_selectAll; }
    QAction *replyAction() const { return m_reply; }
    QAction *reactAction() const { return m_react; }
    QAction *editAction() const { return m_edit; }
    QAction *deleteAction() const { return m_delete; }

    /// Whether the room's server knows replies, edits, deletes and reactions (a tutorial server does not).
    void setConversationsEnabled(bool enabled);
    /// The keys of the conversation actions, for the log's description and the shortcuts dialog.
    QList<QAction *> conversationActions() const { return {m_reply, m_react, m_edit, m_delete}; }

    void retranslateUi();

    /// Copies the selection, or the current message when nothing is selected.
    void copy();
    /// Copies the text of the message in `row`.
    void copyMessage(int row);
    /// Activates every link of the message in `row` (the view's linkActivated()).
    void openLinks(int row);

    /// Whether `row` holds a message that can be answered or reacted to.
    bool canAnswer(int row) const;
    /// Whether `row` holds a message of the user that can be edited and deleted.
    bool canChange(int row) const;
    /// Whether `row` holds a message the user may delete: its own, or any for a moderator.
    bool canDelete(int row) const;
    /// The user moderates the room: Delete is offered on every message (the server marks such a delete).
    void setDeletesAny(bool deletesAny) { m_deletesAny = deletesAny; }

    /// Shows the context menu at `globalPosition` for the message in `row` (-1: none there) and waits for it.
    void execContextMenu(const QPoint &globalPosition, int row);

Q_SIGNALS:
    void replyRequested(int row);
    void reactRequested(int row);
    void editRequested(int row);
    void deleteRequested(int row);

private:
    int targetRow() const;

    ChatLogView *m_view;
    int m_menuRow = -1; ///< The row the open menu is about.
    QAction *m_copy;
    QAction *m_copyMessage;
    QAction *m_openLinks;
    QAction *m_selectAll;
    QAction *m_reply;
    QAction *m_react;
    QAction *m_edit;
    QAction *m_delete;
    bool m_conversations = true;
    bool m_deletesAny = false;
};

} // namespace Kaiwa::Ui
