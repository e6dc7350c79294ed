// SPDX-License-Identifier: MIT
#include "chatlogaccessible.h"

#include "chatlogview.h"
#include "messageaccessible.h"

#include "client/chatlogmodel.h"

namespace Kaiwa::Ui {

namespace {

QAccessibleInterface *chatLogFactory(const QString &className, QObject *object)
{
    if (className == QLatin1String(ChatLogView::staticMetaObject.className()) && object && object->isWidgetType())
        return new ChatLogAccessible(static_cast<ChatLogView *>(object));
    return nullptr;
}

} // namespace

ChatLogAccessible::ChatLogAccessible(ChatLogView *view)
    : QAccessibleWidget(view, QAccessible::List)
{
}

ChatLogAccessible::~ChatLogAccessible()
{
    for (const auto &[index, id] : m_items)
        QAccessible::deleteAccessibleInterface(id);
}

void ChatLogAccessible::install()
{
    static const bool installed = [] {
        QAccessible::installFactory(chatLogFactory);
        return true;
    }();
    Q_UNUSED(installed)
}

ChatLogView *ChatLogAccessible::view() const
{
    return static_cast<ChatLogView *>(widget());
}

int ChatLogAccessible::childCount() const
{
    return view()->model() ? view()->model()->rowCount() : 0;
}

QAccessibleInterface *ChatLogAccessible::child(int index) const
{
    if (index < 0 || index >= childCount())
        return nullptr;
    // Items of rows that went away are let go (there are some when the map outgrew the log).
    for (auto it = m_items.begin(); m_items.size() > size_t(childCount()) && it != m_items.end();) {
        if (it->first.isValid()) {
            ++it;
            continue;
        }
        QAccessible::deleteAccessibleInterface(it->second);
        it = m_items.erase(it);
    }
    const QPersistentModelIndex key(view()->model()->index(index, 0));
    auto it = m_items.find(key);
    if (it == m_items.end())
        it = m_items.emplace(key, QAccessible::registerAccessibleInterface(new MessageAccessible(view(), key))).first;
    return QAccessible::accessibleInterface(it->second);
}

int ChatLogAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    const auto *item = dynamic_cast<const MessageAccessible *>(child);
    return item && item->isValid() ? item->row() : -1;
}

QAccessibleInterface *ChatLogAccessible::childAt(int x, int y) const
{
    return child(view()->rowAt(view()->viewport()->mapFromGlobal(QPoint(x, y))));
}

QAccessibleInterface *ChatLogAccessible::focusChild() const
{
    return view()->hasFocus() ? child(view()->currentRow()) : nullptr;
}

} // namespace Kaiwa::Ui
