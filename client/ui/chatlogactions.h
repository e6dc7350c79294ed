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
 * The message actions still to come (reply, edit, delete, react) belong here, so that the context menu,
 * the keyboard and a toolbar over the hovered message share them.
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

    void retranslateUi();

    /// Copies the selection, or the current message when nothing is selected.
    void copy();
    /// Copies the text of the message in `row`.
    void copyMessage(int row);
    /// Activates every link of the message in `row` (the view's linkActivated()).
    void openLinks(int row);

    /// Shows the context menu at `globalPosition` for the message in `row` (-1: none there) and waits for it.
    void execContextMenu(const QPoint &globalPosition, int row);

private:
    int targetRow() const;

    ChatLogView *m_view;
    int m_menuRow = -1; ///< The row the open menu is about.
    QAction *m_copy;
    QAction *m_copyMessage;
    QAction *m_openLinks;
    QAction *m_selectAll;
};

} // namespace Kaiwa::Ui
