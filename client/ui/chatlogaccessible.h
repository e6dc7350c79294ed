// SPDX-License-Identifier: MIT
#pragma once

#include <QAccessibleWidget>
#include <QPersistentModelIndex>

#include <map>

namespace Kaiwa::Ui {

class ChatLogView;

/**
 * What a screen reader sees of a ChatLogView: a list whose items are the messages (MessageAccessible).
 * The view reports the message the keyboard is on as the focused item (QAccessible::Focus with the row
 * as child), so moving with Up and Down reads one message after the other.
 */
class ChatLogAccessible : public QAccessibleWidget
{
public:
    explicit ChatLogAccessible(ChatLogView *view);
    ~ChatLogAccessible() override;

    /// Makes Qt use this for every ChatLogView; called by the view, once is enough.
    static void install();

    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QAccessibleInterface *childAt(int x, int y) const override;
    QAccessibleInterface *focusChild() const override;

private:
    ChatLogView *view() const;

    /// The items handed out, by row; dropped when their row goes away.
    mutable std::map<QPersistentModelIndex, QAccessible::Id> m_items;
};

} // namespace Kaiwa::Ui
