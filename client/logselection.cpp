// SPDX-License-Identifier: MIT
#include "logselection.h"

#include "chatlogmodel.h"
#include "logtimeformat.h"

namespace Kaiwa::Client {

LogSelection::LogSelection(const QAbstractItemModel *model)
    : m_model(model)
{
}

void LogSelection::setModel(const QAbstractItemModel *model)
{
    m_model = model;
    clear();
}

void LogSelection::start(LogPosition position)
{
    select(position, position);
}

void LogSelection::extend(LogPosition position)
{
    if (!m_anchor.isValid())
        return start(position);
    m_cursor = m_model->index(position.row, 0);
    m_cursorOffset = position.offset;
}

void LogSelection::select(LogPosition from, LogPosition to)
{
    if (!m_model)
        return;
    m_anchor = m_model->index(from.row, 0);
    m_anchorOffset = from.offset;
    m_cursor = m_model->index(to.row, 0);
    m_cursorOffset = to.offset;
}

void LogSelection::selectAll()
{
    const int rows = m_model ? m_model->rowCount() : 0;
    if (rows == 0)
        return clear();
    select({0, 0}, {rows - 1, textLength(rows - 1)});
}

void LogSelection::clear()
{
    m_anchor = QPersistentModelIndex();
    m_cursor = QPersistentModelIndex();
    m_anchorOffset = m_cursorOffset = 0;
}

std::optional<LogPosition> LogSelection::position(const QPersistentModelIndex &index, int offset) const
{
    if (!index.isValid())
        return std::nullopt;
    return LogPosition{index.row(), std::clamp(offset, 0, textLength(index.row()))};
}

std::optional<std::pair<LogPosition, LogPosition>> LogSelection::range() const
{
    const auto anchor = position(m_anchor, m_anchorOffset);
    const auto cursor = position(m_cursor, m_cursorOffset);
    if (!anchor || !cursor || *anchor == *cursor)
        return std::nullopt;
    return std::minmax(*anchor, *cursor);
}

bool LogSelection::isEmpty() const
{
    return !range();
}

std::optional<std::pair<int, int>> LogSelection::rangeIn(int row) const
{
    const auto ends = range();
    if (!ends || row < ends->first.row || row > ends->second.row)
        return std::nullopt;
    const int start = row == ends->first.row ? ends->first.offset : 0;
    const int end = row == ends->second.row ? ends->second.offset : textLength(row);
    if (start >= end)
        return std::nullopt;
    return std::make_pair(start, end);
}

int LogSelection::textLength(int row) const
{
    return int(m_model->index(row, 0).data(ChatLogModel::TextRole).toString().size());
}

QString LogSelection::text(const LogTimeFormat &format) const
{
    const auto ends = range();
    if (!ends)
        return {};
    const auto [first, last] = *ends;
    const auto textOf = [this](int row) { return m_model->index(row, 0).data(ChatLogModel::TextRole).toString(); };
    if (first.row == last.row)
        return textOf(first.row).mid(first.offset, last.offset - first.offset);

    const auto timeOf = [this](int row) { return m_model->index(row, 0).data(ChatLogModel::TimeRole).toDateTime(); };
    const bool severalDays = format.localDate(timeOf(first.row)) != format.localDate(timeOf(last.row));
    QStringList lines;
    for (int row = first.row; row <= last.row; ++row) {
        const auto part = rangeIn(row);
        if (!part)
            continue;
        const QModelIndex index = m_model->index(row, 0);
        const QDateTime time = timeOf(row);
        const QString when =
            severalDays ? tr("%1 %2").arg(format.locale().toString(format.localDate(time), QLocale::ShortFormat),
                                          format.shortTime(time))
                        : format.shortTime(time);
        const QString selected = textOf(row).mid(part->first, part->second - part->first);
        if (index.data(ChatLogModel::KindRole).value<ChatLogModel::Kind>() == ChatLogModel::Kind::Notice)
            lines.append(tr("[%1] %2").arg(when, selected));
        else
            lines.append(tr("[%1] %2: %3").arg(when, index.data(ChatLogModel::SenderRole).toString(), selected));
    }
    return lines.join(u'\n');
}

} // namespace Kaiwa::Client
