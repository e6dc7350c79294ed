// SPDX-License-Identifier: MIT
#include "messageaccessible.h"

#include "chatlogview.h"

#include "client/chatlogmodel.h"

#include <QWidget>
#include <QWindow>

namespace Kaiwa::Ui {

MessageAccessible::MessageAccessible(ChatLogView *view, const QPersistentModelIndex &index)
    : m_view(view)
    , m_index(index)
{
}

bool MessageAccessible::isValid() const
{
    return m_view && m_index.isValid();
}

QWindow *MessageAccessible::window() const
{
    return m_view ? m_view->window()->windowHandle() : nullptr;
}

QAccessibleInterface *MessageAccessible::parent() const
{
    return m_view ? QAccessible::queryAccessibleInterface(m_view) : nullptr;
}

QString MessageAccessible::text(QAccessible::Text t) const
{
    if (!isValid())
        return {};
    switch (t) {
    case QAccessible::Name:
        return Client::ChatLogModel::accessibleName(m_index, m_view->timeFormat());
    case QAccessible::Description:
        return Client::ChatLogModel::accessibleDescription(m_index, m_view->timeFormat());
    default:
        return {};
    }
}

QRect MessageAccessible::rect() const
{
    if (!isValid())
        return {};
    const QRect rect = m_view->visualRect(m_index.row());
    return QRect(m_view->viewport()->mapToGlobal(rect.topLeft()), rect.size());
}

QAccessible::State MessageAccessible::state() const
{
    QAccessible::State state;
    if (!isValid()) {
        state.invalid = true;
        return state;
    }
    state.focusable = true;
    state.selectable = true;
    state.readOnly = true;
    state.focused = m_view->hasFocus() && m_view->currentRow() == m_index.row();
    state.selected = m_view->selection().rangeIn(m_index.row()).has_value();
    state.offscreen = !m_view->viewport()->rect().intersects(m_view->visualRect(m_index.row()));
    return state;
}

} // namespace Kaiwa::Ui
