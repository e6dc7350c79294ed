// SPDX-License-Identifier: MIT
#pragma once

#include "messagelayout.h"

#include "client/logtimeformat.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <vector>

class QAbstractItemModel;

namespace Kaiwa::Ui {

/**
 * The geometry of a whole chat log, made lazily: every row has a height, but only the rows that are
 * looked at (painted, hit-tested) are laid out (MessageLayout); the others carry an estimate, or the
 * height they had at an earlier width. So a log of tens of thousands of messages opens and resizes in
 * the time its visible rows take, and a view that keeps its place by row (ChatLogView's anchor) does not
 * move when estimates turn into measured heights.
 *
 * Follows the model: rows inserted, removed, moved or changed are laid out again when next asked for,
 * with the row after them (its day divider and grouping depend on the one above). Laid-out rows far
 * from view are dropped again (trim()).
 */
class ChatLogLayout : public QObject
{
    Q_OBJECT

public:
    explicit ChatLogLayout(QObject *parent = nullptr);
    ~ChatLogLayout() override;

    void setModel(QAbstractItemModel *model);
    QAbstractItemModel *model() const { return m_model; }

    /// Changing any of these lays every row out again when next asked for (heights kept as estimates).
    void setWidth(int width);
    int width() const { return m_style.width; }
    void setFont(const QFont &font);
    void setTimeFormat(const Client::LogTimeFormat &format);
    const Client::LogTimeFormat &timeFormat() const { return m_format; }
    /// Lays everything out again (the day changed: "Today" is "Yesterday" now).
    void invalidate();

    int rowCount() const { return int(m_rows.size()); }
    /// The laid-out row (laid out now if needed).
    const MessageLayout &layout(int row);
    /// Lays the row out if needed; true when its height changed by that.
    bool measure(int row);
    bool isMeasured(int row) const { return m_rows.at(row).measured; }

    int height(int row) const { return m_rows.at(row).height; }
    /// Top of `row` in the log (row == rowCount(): the bottom, a few pixels below the last message).
    qint64 top(int row) const;
    qint64 totalHeight() const { return top(rowCount()); }
    /// The row at `y` of the log, clamped to the rows there are; -1 when there are none.
    int rowAt(qint64 y) const;

    /// Drops the layouts of rows outside [first - margin, last + margin]; their heights stay.
    void trim(int first, int last);

Q_SIGNALS:
    /// Rows changed: the view lays out what it shows again.
    void changed();

private:
    struct Row {
        int height = 0;
        bool measured = false; ///< `height` is the layout's at the current width and font.
        std::unique_ptr<MessageLayout> layout;
    };

    void reset();
    void onRowsInserted(int first, int last);
    void onRowsRemoved(int first, int last);
    void onRowsMoved(int first, int last, int destination);
    void invalidateRows(int first, int last);
    Row estimated(int row) const;

    QPointer<QAbstractItemModel> m_model;
    Client::LogTimeFormat m_format;
    MessageLayout::Style m_style;
    std::vector<Row> m_rows;
    mutable std::vector<qint64> m_tops; ///< Prefix sums of the heights, rebuilt when dirty.
    mutable bool m_topsDirty = true;
};

} // namespace Kaiwa::Ui
