// SPDX-License-Identifier: MIT
#include "logscroller.h"

#include "chatloglayout.h"

#include <QAbstractItemModel>

namespace Kaiwa::Ui {

LogScroller::LogScroller(ChatLogLayout *layout)
    : m_layout(layout)
{
}

void LogScroller::setModel(QAbstractItemModel *model)
{
    m_model = model;
    m_anchor = QPersistentModelIndex();
    m_anchorOffset = 0;
    m_followBottom = true;
}

qint64 LogScroller::maximum() const
{
    return m_layout->totalHeight() - m_viewportHeight;
}

qint64 LogScroller::top() const
{
    if (m_followBottom || maximum() <= 0)
        return maximum();
    if (!m_anchor.isValid())
        return 0; // the anchor's row went away: the top is the one place that surely exists
    return std::clamp<qint64>(m_layout->top(m_anchor.row()) + m_anchorOffset, 0, maximum());
}

void LogScroller::setTop(qint64 y)
{
    y = std::clamp<qint64>(y, 0, std::max<qint64>(maximum(), 0));
    m_followBottom = y >= maximum();
    const int row = m_layout->rowAt(y);
    m_anchor = row >= 0 && m_model ? QPersistentModelIndex(m_model->index(row, 0)) : QPersistentModelIndex();
    m_anchorOffset = row >= 0 ? int(y - m_layout->top(row)) : 0;
}

void LogScroller::setTopRow(int row)
{
    m_followBottom = false;
    m_anchor = m_model ? QPersistentModelIndex(m_model->index(row, 0)) : QPersistentModelIndex();
    m_anchorOffset = 0;
}

void LogScroller::reveal(int row)
{
    if (row < 0 || row >= m_layout->rowCount())
        return;
    if (row == m_layout->rowCount() - 1)
        return followBottom();
    m_layout->measure(row);
    const qint64 rowTop = m_layout->top(row);
    const qint64 rowBottom = rowTop + m_layout->height(row);
    const qint64 current = top();
    if (rowTop < current || rowBottom - rowTop > m_viewportHeight)
        setTop(rowTop);
    else if (rowBottom > current + m_viewportHeight)
        setTop(rowBottom - m_viewportHeight);
}

void LogScroller::measureVisible()
{
    const int rows = m_layout->rowCount();
    if (m_followBottom) {
        // From the newest upwards until the view is full.
        for (int row = rows - 1; row >= 0; --row) {
            m_layout->measure(row);
            if (m_layout->totalHeight() - m_layout->top(row) >= m_viewportHeight)
                break;
        }
        return;
    }
    // Measuring changes the rows measured and the tops below them only: the anchor stays put.
    for (int row = std::max(m_layout->rowAt(top()), 0); row < rows; ++row) {
        m_layout->measure(row);
        if (m_layout->top(row + 1) >= top() + m_viewportHeight)
            break;
    }
}

} // namespace Kaiwa::Ui
