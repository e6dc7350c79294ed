// SPDX-License-Identifier: MIT
#pragma once

#include "common/reactionsummary.h"

#include <QFont>
#include <QList>
#include <QRect>

#include <optional>

class QPainter;

namespace Kaiwa::Ui {

class ChatColors;

/**
 * The reactions under a message as a row of chips ("👍 2"), wrapped onto more lines when they do not fit:
 * laid out at a width, painted and hit-tested by MessageLayout. The user's own reactions are drawn filled,
 * so that a click on a chip (which toggles the user's reaction) says beforehand what it will do.
 *
 * Coordinates are the chips' own: the top-left corner of the first chip is (0, 0).
 */
class ReactionChips
{
public:
    ReactionChips() = default;
    /// `own`: the emoji the user put there; `maxWidth`: where the chips wrap.
    ReactionChips(const QList<Kaiwa::ReactionSummary> &reactions, const QStringList &own, const QFont &font,
                  int maxWidth);

    bool isEmpty() const { return m_chips.isEmpty(); }
    QSize size() const { return m_size; }
    /// The emoji of the chip at `point`, if any.
    std::optional<QString> emojiAt(const QPoint &point) const;
    /// Where the chip of `emoji` is; empty when there is none.
    QRect chipRect(const QString &emoji) const;

    void paint(QPainter *painter, const QPoint &origin, const ChatColors &colors) const;

private:
    struct Chip {
        QString emoji;
        QString label;
        QRect rect;
        bool own = false;
    };

    QFont m_font;
    QList<Chip> m_chips;
    QSize m_size;
};

} // namespace Kaiwa::Ui
