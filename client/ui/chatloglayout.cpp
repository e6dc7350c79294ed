// SPDX-License-Identifier: MIT
#include "chatloglayout.h"

#include <QAbstractItemModel>

namespace Kaiwa::Ui {

namespace {

/// Rows laid out beyond the visible ones that trim() keeps: scrolling a little needs no new layout.
constexpr int trimMargin = 100;
/// Space below the last message, so that its bubble does not touch the edge of the view.
constexpr int bottomMargin = 6;

} // namespace

ChatLogLayout::ChatLogLayout(QObject *parent)
    : QObject(parent)
{
    m_style.format = &m_format;
}

ChatLogLayout::~ChatLogLayout() = default;

void ChatLogLayout::setModel(QAbstractItemModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
        connect(model, &QAbstractItemModel::rowsRemoved, this,
                [this](const QModelIndex &, int first, int last) { onRowsRemoved(first, last); });
        connect(model, &QAbstractItemModel::rowsMoved, this,
                [this](const QModelIndex &, int first, int last, const QModelIndex &, int destination) {
                    onRowsMoved(first, last, destination);
                });
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                    invalidateRows(topLeft.row(), bottomRight.row() + 1);
                    Q_EMIT changed();
                });
        connect(model, &QAbstractItemModel::modelReset, this, &ChatLogLayout::reset);
        connect(model, &QAbstractItemModel::layoutChanged, this, &ChatLogLayout::reset);
    }
    reset();
}

void ChatLogLayout::setWidth(int width)
{
    if (width == m_style.width)
        return;
    m_style.width = width;
    invalidate();
}

void ChatLogLayout::setFont(const QFont &font)
{
    m_style.font = font;
    invalidate();
}

void ChatLogLayout::setTimeFormat(const Client::LogTimeFormat &format)
{
    m_format = format;
    invalidate();
}

void ChatLogLayout::invalidate()
{
    invalidateRows(0, rowCount() - 1);
    Q_EMIT changed();
}

void ChatLogLayout::reset()
{
    m_rows.clear();
    const int rows = m_model ? m_model->rowCount() : 0;
    m_rows.reserve(rows);
    for (int row = 0; row < rows; ++row)
        m_rows.push_back(estimated(row));
    m_topsDirty = true;
    Q_EMIT changed();
}

ChatLogLayout::Row ChatLogLayout::estimated(int row) const
{
    return {MessageLayout::estimateHeight(m_model->index(row, 0), m_style), false, nullptr};
}

void ChatLogLayout::invalidateRows(int first, int last)
{
    // The old height stays as the estimate: usually right, and never a jump of a view anchored below.
    for (int row = std::max(first, 0); row <= std::min(last, rowCount() - 1); ++row) {
        m_rows[row].measured = false;
        m_rows[row].layout.reset();
    }
}

void ChatLogLayout::onRowsInserted(int first, int last)
{
    std::vector<Row> inserted;
    inserted.reserve(last - first + 1);
    for (int row = first; row <= last; ++row)
        inserted.push_back(estimated(row));
    m_rows.insert(m_rows.begin() + first, std::make_move_iterator(inserted.begin()),
                  std::make_move_iterator(inserted.end()));
    invalidateRows(last + 1, last + 1);
    m_topsDirty = true;
    Q_EMIT changed();
}

void ChatLogLayout::onRowsRemoved(int first, int last)
{
    m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
    invalidateRows(first, first);
    m_topsDirty = true;
    Q_EMIT changed();
}

void ChatLogLayout::onRowsMoved(int first, int last, int destination)
{
    // `destination` is the row the moved block goes before, counted before the move.
    const auto begin = m_rows.begin();
    if (destination < first)
        std::rotate(begin + destination, begin + first, begin + last + 1);
    else
        std::rotate(begin + first, begin + last + 1, begin + destination);
    const int count = last - first + 1;
    const int newFirst = destination < first ? destination : destination - count;
    // The moved rows, the rows now after them and after the gap they left have new neighbours.
    invalidateRows(newFirst, newFirst + count);
    invalidateRows(first, first);
    m_topsDirty = true;
    Q_EMIT changed();
}

const MessageLayout &ChatLogLayout::layout(int row)
{
    measure(row);
    return *m_rows.at(row).layout;
}

bool ChatLogLayout::measure(int row)
{
    Row &entry = m_rows.at(row);
    if (entry.layout && entry.measured)
        return false;
    const QModelIndex previous = row > 0 ? m_model->index(row - 1, 0) : QModelIndex();
    entry.layout = std::make_unique<MessageLayout>(m_model->index(row, 0), previous, m_style);
    entry.measured = true;
    if (entry.layout->height() == entry.height)
        return false;
    entry.height = entry.layout->height();
    m_topsDirty = true;
    return true;
}

qint64 ChatLogLayout::top(int row) const
{
    if (m_topsDirty) {
        m_tops.resize(m_rows.size() + 1);
        qint64 y = 0;
        for (size_t i = 0; i < m_rows.size(); ++i) {
            m_tops[i] = y;
            y += m_rows[i].height;
        }
        m_tops[m_rows.size()] = y + bottomMargin;
        m_topsDirty = false;
    }
    return m_tops.at(std::clamp(row, 0, rowCount()));
}

int ChatLogLayout::rowAt(qint64 y) const
{
    if (m_rows.empty())
        return -1;
    top(0);                                                                // brings the prefix sums up to date
    const auto it = std::upper_bound(m_tops.begin(), m_tops.end() - 1, y); // the bottom margin is the last row's
    return std::clamp(int(it - m_tops.begin()) - 1, 0, rowCount() - 1);
}

void ChatLogLayout::trim(int first, int last)
{
    for (int row = 0; row < rowCount(); ++row) {
        if (row < first - trimMargin || row > last + trimMargin)
            m_rows[row].layout.reset();
    }
}

} // namespace Kaiwa::Ui
