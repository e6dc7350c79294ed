// SPDX-License-Identifier: MIT
#include "chatlogview.h"

#include "chatcolors.h"
#include "chatlogaccessible.h"
#include "chatlogactions.h"
#include "chatloglayout.h"
#include "chatlogmouse.h"
#include "messagelayout.h"

#include "client/chatlogmodel.h"

#include <QAccessible>
#include <QContextMenuEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

namespace Kaiwa::Ui {

using Client::ChatLogModel;
using Client::LogPosition;

ChatLogView::ChatLogView(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_layout(new ChatLogLayout(this))
    , m_scroller(m_layout)
    , m_zone(QTimeZone::systemTimeZone())
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_actions(new ChatLogActions(this))
    , m_mouse(new ChatLogMouse(this))
{
    ChatLogAccessible::install();
    setObjectName(QStringLiteral("chatLog"));
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setMouseTracking(true); // the pointing hand over links, the text cursor over text
    viewport()->setCursor(Qt::IBeamCursor);

    connect(m_layout, &ChatLogLayout::changed, this, &ChatLogView::scheduleRelayout);
    m_dayTimer.setSingleShot(true);
    connect(&m_dayTimer, &QTimer::timeout, this, &ChatLogView::updateTimeFormat);
    updateTimeFormat();
    retranslateUi();
}

ChatLogView::~ChatLogView() = default;

QList<std::pair<QString, QList<QKeySequence>>> ChatLogView::keys()
{
    return {
        {tr("Previous message"), {QKeySequence(Qt::Key_Up)}},
        {tr("Next message"), {QKeySequence(Qt::Key_Down)}},
        {tr("A page of messages up"), {QKeySequence(Qt::Key_PageUp)}},
        {tr("A page of messages down"), {QKeySequence(Qt::Key_PageDown)}},
        {tr("First message (loading older ones)"), {QKeySequence(Qt::Key_Home)}},
        {tr("Newest message"), {QKeySequence(Qt::Key_End)}},
        {tr("Select the previous message too"), {QKeySequence(Qt::SHIFT | Qt::Key_Up)}},
        {tr("Select the next message too"), {QKeySequence(Qt::SHIFT | Qt::Key_Down)}},
        {tr("Clear the selection"), {QKeySequence(Qt::Key_Escape)}},
    };
}

void ChatLogView::setModel(ChatLogModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_layout->setModel(model); // first: the layout knows the rows before the view reacts to them
    m_selection.setModel(model);
    m_scroller.setModel(model);
    m_current = QPersistentModelIndex();
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    }
    relayout();
}

Client::ChatLogModel *ChatLogView::model() const
{
    return m_model;
}

void ChatLogView::setTimeSource(const QTimeZone &zone, const Client::LogTimeFormat::Clock &clock)
{
    m_zone = zone;
    m_clock = clock;
    updateTimeFormat();
}

const Client::LogTimeFormat &ChatLogView::timeFormat() const
{
    return m_layout->timeFormat();
}

void ChatLogView::updateTimeFormat()
{
    // A locale set on the view wins; otherwise the application's (the language switcher sets it).
    const QLocale locale = testAttribute(Qt::WA_SetLocale) ? this->locale() : QLocale();
    m_layout->setTimeFormat(Client::LogTimeFormat(locale, m_zone, m_clock));
    m_dayTimer.start(m_layout->timeFormat().untilNextDay());
}

void ChatLogView::retranslateUi()
{
    // The name says whose messages; the room view that shows the log gives it.
    setAccessibleDescription(tr("Up and Down move by message, Page Up and Page Down by page, Home and End to the "
                                "first and last; Ctrl+C copies, Ctrl+Enter opens the links of the message; R "
                                "replies to it, + adds a reaction, E edits and Delete deletes your own."));
    m_actions->retranslateUi();
}

void ChatLogView::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslateUi();
        updateTimeFormat(); // "Today" and the delivery states are translated, and the locale may follow
        break;
    case QEvent::LocaleChange:
        updateTimeFormat();
        break;
    case QEvent::FontChange:
        m_layout->setFont(font());
        break;
    case QEvent::PaletteChange:
        viewport()->update();
        break;
    default:
        break;
    }
    QAbstractScrollArea::changeEvent(event);
}

bool ChatLogView::event(QEvent *event)
{
    if (event->type() == QEvent::Polish)
        m_layout->setFont(font());
    return QAbstractScrollArea::event(event);
}

void ChatLogView::scheduleRelayout()
{
    if (m_relayoutPending)
        return;
    m_relayoutPending = true;
    QMetaObject::invokeMethod(this, &ChatLogView::ensureLaidOut, Qt::QueuedConnection);
}

void ChatLogView::ensureLaidOut()
{
    if (m_relayoutPending)
        relayout();
}

void ChatLogView::setScrollTop(qint64 y)
{
    m_scroller.setTop(y);
    relayout();
}

void ChatLogView::relayout()
{
    m_relayoutPending = false;
    m_layout->setWidth(viewport()->width());
    m_scroller.setViewportHeight(viewport()->height());
    m_scroller.measureVisible();
    updateScrollBar();
    viewport()->update();
    if (isAtBottom() != m_atBottom) {
        m_atBottom = isAtBottom();
        Q_EMIT atBottomChanged(m_atBottom);
    }
    // Everything fits: more history would make the view scrollable (the room says whether there is any).
    if (m_layout->rowCount() > 0 && m_layout->totalHeight() <= viewportHeight())
        Q_EMIT olderMessagesWanted();
}

void ChatLogView::updateScrollBar()
{
    QScrollBar *bar = verticalScrollBar();
    const int height = viewportHeight();
    m_syncingScrollBar = true;
    bar->setRange(0, int(std::max<qint64>(m_scroller.maximum(), 0)));
    bar->setPageStep(height);
    bar->setSingleStep(3 * fontMetrics().lineSpacing());
    bar->setValue(int(std::max<qint64>(scrollTop(), 0)));
    m_syncingScrollBar = false;
}

void ChatLogView::scrollContentsBy(int, int)
{
    if (m_syncingScrollBar)
        return;
    setScrollTop(verticalScrollBar()->value());
    if (scrollTop() == 0 && m_scroller.maximum() > 0)
        Q_EMIT olderMessagesWanted(); // scrolled to the top by the user
    else
        m_loadingToTop = false; // scrolled away from the top after Home: stay where the user went
}

void ChatLogView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

void ChatLogView::onRowsInserted(int first, int last)
{
    if (m_loadingToTop && first == 0) {
        // Home: the older page goes on top; stay at the very beginning and ask for the next one.
        setCurrentRow(0);
        m_scroller.setTopRow(0);
        relayout();
        Q_EMIT olderMessagesWanted();
        return;
    }
    Q_UNUSED(last)
    QAccessibleEvent added(this, QAccessible::ObjectCreated);
    added.setChild(first);
    QAccessible::updateAccessibility(&added);
}

const MessageLayout &ChatLogView::rowLayout(int row)
{
    ensureLaidOut();
    return m_layout->layout(row);
}

QRect ChatLogView::visualRect(int row)
{
    ensureLaidOut();
    if (row < 0 || row >= m_layout->rowCount())
        return {};
    m_layout->measure(row);
    return QRect(0, int(m_layout->top(row) - scrollTop()), viewport()->width(), m_layout->height(row));
}

void ChatLogView::scrollTo(int row)
{
    ensureLaidOut();
    m_scroller.reveal(row);
    relayout();
}

void ChatLogView::scrollToBottom()
{
    m_scroller.followBottom();
    relayout();
}

void ChatLogView::paintEvent(QPaintEvent *)
{
    ensureLaidOut();
    QPainter painter(viewport());
    const ChatColors colors(palette());
    const qint64 top = scrollTop();
    const int first = m_layout->rowAt(top);
    if (first < 0)
        return;
    const int current = hasFocus() ? currentRow() : -1;
    int row = first;
    for (; row < m_layout->rowCount(); ++row) {
        const qint64 y = m_layout->top(row) - top;
        if (y >= viewportHeight())
            break;
        MessageLayout::PaintState state;
        if (const auto selected = m_selection.rangeIn(row)) {
            state.selectionStart = selected->first;
            state.selectionEnd = selected->second;
        }
        state.current = row == current;
        m_layout->layout(row).paint(&painter, QPointF(0, y), colors, state);
    }
    m_layout->trim(first, row);
}

int ChatLogView::rowAt(const QPoint &point)
{
    ensureLaidOut();
    const qint64 y = scrollTop() + point.y();
    if (y < 0 || y >= m_layout->totalHeight())
        return -1;
    return m_layout->rowAt(y);
}

LogPosition ChatLogView::textPositionAt(const QPoint &point)
{
    ensureLaidOut();
    const int rows = m_layout->rowCount();
    const qint64 y = scrollTop() + point.y();
    if (rows == 0 || y < 0)
        return {0, 0};
    if (y >= m_layout->totalHeight())
        return {rows - 1, m_layout->layout(rows - 1).textLength()};
    const int row = m_layout->rowAt(y);
    const MessageLayout &layout = m_layout->layout(row);
    return {row, layout.textOffsetAt(QPointF(point.x(), y - m_layout->top(row)))};
}

std::optional<QUrl> ChatLogView::linkAt(const QPoint &point)
{
    const int row = rowAt(point);
    if (row < 0)
        return std::nullopt;
    return m_layout->layout(row).linkAt(QPointF(point.x(), scrollTop() + point.y() - m_layout->top(row)));
}

void ChatLogView::setCurrentRow(int row)
{
    const int previous = currentRow();
    m_current = m_model && row >= 0 && row < m_model->rowCount() ? QPersistentModelIndex(m_model->index(row, 0))
                                                                 : QPersistentModelIndex();
    if (currentRow() == previous)
        return;
    viewport()->update();
    notifyAccessibleFocus();
    Q_EMIT currentRowChanged(currentRow());
}

void ChatLogView::notifyAccessibleFocus()
{
    if (!hasFocus() || currentRow() < 0)
        return;
    QAccessibleEvent focus(this, QAccessible::Focus);
    focus.setChild(currentRow());
    QAccessible::updateAccessibility(&focus);
}

QString ChatLogView::selectedText() const
{
    return m_selection.text(m_layout->timeFormat());
}

void ChatLogView::select(LogPosition from, LogPosition to)
{
    m_selection.select(from, to);
    viewport()->update();
}

void ChatLogView::extendSelection(LogPosition to)
{
    m_selection.extend(to);
    viewport()->update();
}

void ChatLogView::scrollBy(int dy)
{
    setScrollTop(scrollTop() + dy);
}

void ChatLogView::selectAll()
{
    m_selection.selectAll();
    viewport()->update();
}

void ChatLogView::clearSelection()
{
    m_selection.clear();
    viewport()->update();
}

void ChatLogView::mousePressEvent(QMouseEvent *event)
{
    m_keySelectionRow = -1;
    m_loadingToTop = false;
    m_mouse->press(event);
    if (event->button() != Qt::LeftButton)
        QAbstractScrollArea::mousePressEvent(event);
}

void ChatLogView::mouseMoveEvent(QMouseEvent *event)
{
    m_mouse->move(event);
}

void ChatLogView::mouseReleaseEvent(QMouseEvent *event)
{
    m_mouse->release(event);
}

void ChatLogView::mouseDoubleClickEvent(QMouseEvent *event)
{
    m_mouse->doubleClick(event);
}

void ChatLogView::moveCurrent(int row, bool extendSelection)
{
    if (!m_model || m_model->rowCount() == 0)
        return;
    if (row < 0)
        Q_EMIT olderMessagesWanted(); // Up on the first message: there may be more above
    row = std::clamp(row, 0, m_model->rowCount() - 1);
    if (extendSelection) {
        // Whole messages, from where the Shift selection started to the new current one.
        if (m_keySelectionRow < 0)
            m_keySelectionRow = std::max(currentRow(), 0);
        const int first = std::min(m_keySelectionRow, row);
        const int last = std::max(m_keySelectionRow, row);
        m_selection.select({first, 0}, {last, m_layout->layout(last).textLength()});
    } else {
        m_keySelectionRow = -1;
        m_selection.clear();
    }
    setCurrentRow(row);
    scrollTo(row);
    viewport()->update();
}

void ChatLogView::keyPressEvent(QKeyEvent *event)
{
    const int rows = m_model ? m_model->rowCount() : 0;
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const int current = currentRow() >= 0 ? currentRow() : rows - 1;
    if (event->key() != Qt::Key_Home && event->key() != Qt::Key_Shift)
        m_loadingToTop = false;
    switch (event->key()) {
    case Qt::Key_Up:
        return moveCurrent(current - 1, shift);
    case Qt::Key_Down:
        return moveCurrent(current + 1, shift);
    case Qt::Key_PageUp:
    case Qt::Key_PageDown: {
        if (rows == 0)
            return;
        // The message a page away from the middle of the current one.
        const int direction = event->key() == Qt::Key_PageUp ? -1 : 1;
        const qint64 middle = m_layout->top(current) + m_layout->height(current) / 2;
        int target = m_layout->rowAt(middle + direction * qint64(viewportHeight()));
        if (target == current)
            target += direction;
        return moveCurrent(target, shift);
    }
    case Qt::Key_Home:
        moveCurrent(0, shift);
        setScrollTop(0);
        m_loadingToTop = true;
        Q_EMIT olderMessagesWanted();
        return;
    case Qt::Key_End:
        moveCurrent(rows - 1, shift);
        scrollToBottom();
        return;
    case Qt::Key_Escape:
        if (!m_selection.isEmpty())
            return clearSelection();
        break;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void ChatLogView::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    // Reading starts at the newest message, unless the current one is still in view.
    const QRect current = visualRect(currentRow());
    if (m_model && m_model->rowCount() > 0 && (current.isEmpty() || !viewport()->rect().intersects(current))) {
        setCurrentRow(m_model->rowCount() - 1);
        scrollToBottom();
    }
    notifyAccessibleFocus();
    viewport()->update();
}

void ChatLogView::focusOutEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusOutEvent(event);
    viewport()->update();
}

void ChatLogView::contextMenuEvent(QContextMenuEvent *event)
{
    // From the mouse, the event comes through the viewport, in its coordinates.
    QPoint point = event->pos();
    if (event->reason() == QContextMenuEvent::Keyboard) {
        const QRect rect = visualRect(currentRow());
        point = rect.isEmpty() ? viewport()->rect().center() : rect.center();
    }
    const int row = event->reason() == QContextMenuEvent::Keyboard ? currentRow() : rowAt(point);
    m_actions->execContextMenu(viewport()->mapToGlobal(point), row);
}

bool ChatLogView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_model) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int row = rowAt(help->pos());
        const QRect rect = visualRect(row);
        const MessageLayout *layout = row >= 0 ? &m_layout->layout(row) : nullptr;
        if (!layout || !layout->bubbleRect().translated(rect.topLeft()).contains(help->pos())) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        QString text = ChatLogModel::toolTip(m_model->index(row, 0), m_layout->timeFormat());
        if (const auto link = linkAt(help->pos()))
            text = link->toDisplayString() + u'\n' + text;
        if (const auto emoji = layout->reactionAt(help->pos() - rect.topLeft()))
            text = ChatLogModel::reactorsText(m_model->index(row, 0), *emoji);
        QToolTip::showText(help->globalPos(), text, viewport(), layout->bubbleRect().translated(rect.topLeft()));
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace Kaiwa::Ui
