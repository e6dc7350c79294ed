// SPDX-License-Identifier: MIT
#pragma once

#include <QAccessibleInterface>
#include <QPersistentModelIndex>
#include <QPointer>

namespace Kaiwa::Ui {

class ChatLogView;

/**
 * One message of a ChatLogView as a screen reader reads it: a list item whose name is "alice at 21:04:
 * hello" and whose description holds the full date and time, whether the sender is signed in and the
 * delivery state (ChatLogModel::accessibleName() and accessibleDescription(), in the view's locale).
 */
class MessageAccessible : public QAccessibleInterface
{
public:
    MessageAccessible(ChatLogView *view, const QPersistentModelIndex &index);

    int row() const { return m_index.row(); }

    bool isValid() const override;
    QObject *object() const override { return nullptr; }
    QWindow *window() const override;
    QAccessibleInterface *parent() const override;
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QAccessibleInterface *focusChild() const override { return nullptr; }
    QString text(QAccessible::Text t) const override;
    void setText(QAccessible::Text, const QString &) override { }
    QRect rect() const override;
    QAccessible::Role role() const override { return QAccessible::ListItem; }
    QAccessible::State state() const override;

private:
    QPointer<ChatLogView> m_view;
    QPersistentModelIndex m_index;
};

} // namespace Kaiwa::Ui
