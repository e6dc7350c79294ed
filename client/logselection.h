// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QPersistentModelIndex>

#include <compare>
#include <optional>

namespace Kaiwa::Client {

class LogTimeFormat;

/// A place in the text of a chat log: a row and an offset in its text (UTF-16 units).
struct LogPosition {
    int row = 0;
    int offset = 0;
    friend auto operator<=>(const LogPosition &, const LogPosition &) = default;
};

/**
 * Selected text in a chat log (ChatLogModel): part of one message, or from a place in one message to a
 * place in another, as Quassel's chat view selects. The ends follow their rows when rows are inserted
 * or moved above them (persistent indexes); a selection whose row goes away is cleared.
 *
 * What copying gives (text()):
 * - within one message: exactly the selected characters;
 * - across messages: one line per message, `[time] sender: text`, the selected part of the first and
 *   last message and all of those between; notices without a sender. When the messages fall on more
 *   than one day the prefix carries the date too. Times are local, in the format's locale.
 */
class LogSelection
{
    Q_DECLARE_TR_FUNCTIONS(Kaiwa::Client::LogSelection)

public:
    explicit LogSelection(const QAbstractItemModel *model = nullptr);

    void setModel(const QAbstractItemModel *model);

    /// Starts a selection at `position` (empty until extended).
    void start(LogPosition position);
    /// Moves the free end to `position`; the other stays where start() put it.
    void extend(LogPosition position);
    void select(LogPosition from, LogPosition to);
    /// From the start of the first message to the end of the last.
    void selectAll();
    void clear();

    bool isEmpty() const;
    /// The ordered ends; nothing when empty.
    std::optional<std::pair<LogPosition, LogPosition>> range() const;
    /// The selected part [start, end) of `row`'s text; nothing when the row has none selected.
    std::optional<std::pair<int, int>> rangeIn(int row) const;
    /// The selected text as it is copied (see the class description).
    QString text(const LogTimeFormat &format) const;

private:
    std::optional<LogPosition> position(const QPersistentModelIndex &index, int offset) const;
    int textLength(int row) const;

    const QAbstractItemModel *m_model = nullptr;
    QPersistentModelIndex m_anchor;
    int m_anchorOffset = 0;
    QPersistentModelIndex m_cursor;
    int m_cursorOffset = 0;
};

} // namespace Kaiwa::Client
