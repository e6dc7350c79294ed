// SPDX-License-Identifier: MIT
#include "chatlogmouse.h"

#include "chatlogview.h"
#include "messagelayout.h"

#include <QApplication>
#include <QClipboard>
#include <QMouseEvent>

namespace Kaiwa::Ui {

namespace {

/// Milliseconds between two steps of a drag beyond the top or the bottom (each scrolls by the distance outside).
constexpr int autoScrollInterval = 40;

} // namespace

ChatLogMouse::ChatLogMouse(ChatLogView *view)
    : QObject(view)
    , m_view(view)
{
}

void ChatLogMouse::press(QMouseEvent *event)
{
    const QPoint point = event->position().toPoint();
    if (const int row = m_view->rowAt(point); row >= 0)
        m_view->setCurrentRow(row);
    if (event->button() != Qt::LeftButton)
        return;
    m_pressPoint = point;
    m_pressedLink = m_view->linkAt(point);
    m_pressedTarget = targetAt(point);
    m_dragging = false;
    if (event->modifiers() & Qt::ShiftModifier)
        m_view->extendSelection(m_view->textPositionAt(point));
    else
        m_view->select(m_view->textPositionAt(point), m_view->textPositionAt(point));
}

void ChatLogMouse::move(QMouseEvent *event)
{
    const QPoint point = event->position().toPoint();
    m_lastPoint = point;
    if (!(event->buttons() & Qt::LeftButton))
        return hover(point);
    if (!m_dragging && (point - m_pressPoint).manhattanLength() < QApplication::startDragDistance())
        return;
    m_dragging = true;
    m_view->extendSelection(m_view->textPositionAt(point));
    if (point.y() < 0 || point.y() > m_view->viewport()->height())
        m_autoScroll.start(autoScrollInterval, this);
    else
        m_autoScroll.stop();
}

void ChatLogMouse::hover(const QPoint &point)
{
    QWidget *viewport = m_view->viewport();
    const int row = m_view->rowAt(point);
    if (row >= 0 && (m_view->linkAt(point) || targetAt(point).row >= 0))
        viewport->setCursor(Qt::PointingHandCursor);
    else if (row >= 0 && m_view->rowLayout(row).isOverText(point - m_view->visualRect(row).topLeft()))
        viewport->setCursor(Qt::IBeamCursor);
    else
        viewport->setCursor(Qt::ArrowCursor);
}

ChatLogMouse::Target ChatLogMouse::targetAt(const QPoint &point)
{
    const int row = m_view->rowAt(point);
    if (row < 0)
        return {};
    const MessageLayout &layout = m_view->rowLayout(row);
    const QPoint local = point - m_view->visualRect(row).topLeft();
    if (layout.quoteRect().contains(local))
        return {row, layout.quotedId(), {}};
    if (const auto emoji = layout.reactionAt(local))
        return {row, 0, *emoji};
    return {};
}

void ChatLogMouse::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_autoScroll.timerId())
        return QObject::timerEvent(event);
    const int height = m_view->viewport()->height();
    const int outside = m_lastPoint.y() < 0 ? m_lastPoint.y() : std::max(m_lastPoint.y() - height, 0);
    if (outside == 0 || !m_dragging)
        return m_autoScroll.stop();
    m_view->scrollBy(outside);
    m_view->extendSelection(m_view->textPositionAt(m_lastPoint));
}

void ChatLogMouse::release(QMouseEvent *event)
{
    m_autoScroll.stop();
    const QPoint point = event->position().toPoint();
    if (event->button() == Qt::LeftButton && !m_dragging && m_pressedLink && m_view->linkAt(point) == m_pressedLink)
        Q_EMIT m_view->linkActivated(*m_pressedLink);
    if (event->button() == Qt::LeftButton && !m_dragging && m_pressedTarget.row >= 0
        && targetAt(point) == m_pressedTarget) {
        if (m_pressedTarget.quotedId > 0)
            Q_EMIT m_view->quoteActivated(m_pressedTarget.row, m_pressedTarget.quotedId);
        else
            Q_EMIT m_view->reactionActivated(m_pressedTarget.row, m_pressedTarget.emoji);
    }
    m_pressedTarget = {};
    if (!m_view->selection().isEmpty() && QGuiApplication::clipboard()->supportsSelection())
        QGuiApplication::clipboard()->setText(m_view->selectedText(), QClipboard::Selection);
    m_dragging = false;
    m_pressedLink.reset();
}

void ChatLogMouse::doubleClick(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const Client::LogPosition at = m_view->textPositionAt(event->position().toPoint());
    const auto [start, end] = m_view->rowLayout(at.row).wordAt(at.offset);
    m_view->select({at.row, start}, {at.row, end});
    m_dragging = true; // not a click on a link
}

} // namespace Kaiwa::Ui
