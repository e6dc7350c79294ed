// SPDX-License-Identifier: MIT
#include "reactionchips.h"

#include "chatcolors.h"

#include <QFontMetrics>
#include <QPainter>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;

namespace {
constexpr int chipPaddingX = 6;
constexpr int chipPaddingY = 2;
constexpr int chipGap = 4;
} // namespace

ReactionChips::ReactionChips(const QList<ReactionSummary> &reactions, const QStringList &own, const QFont &font,
                             int maxWidth)
    : m_font(font)
{
    const QFontMetrics metrics(font);
    const int height = metrics.height() + 2 * chipPaddingY;
    QPoint at(0, 0);
    for (const ReactionSummary &reaction : reactions) {
        const QString label = u"%1 %2"_s.arg(reaction.emoji).arg(reaction.count);
        const int width = metrics.horizontalAdvance(label) + 2 * chipPaddingX;
        if (at.x() > 0 && at.x() + width > maxWidth)
            at = QPoint(0, at.y() + height + chipGap);
        m_chips.append({reaction.emoji, label, QRect(at, QSize(width, height)), own.contains(reaction.emoji)});
        m_size = m_size.expandedTo(QSize(at.x() + width, at.y() + height));
        at.rx() += width + chipGap;
    }
}

std::optional<QString> ReactionChips::emojiAt(const QPoint &point) const
{
    for (const Chip &chip : m_chips) {
        if (chip.rect.contains(point))
            return chip.emoji;
    }
    return std::nullopt;
}

QRect ReactionChips::chipRect(const QString &emoji) const
{
    for (const Chip &chip : m_chips) {
        if (chip.emoji == emoji)
            return chip.rect;
    }
    return {};
}

void ReactionChips::paint(QPainter *painter, const QPoint &origin, const ChatColors &colors) const
{
    painter->save();
    painter->setFont(m_font);
    for (const Chip &chip : m_chips) {
        const QRectF rect = QRectF(chip.rect.translated(origin)).adjusted(0.5, 0.5, -0.5, -0.5);
        const qreal radius = rect.height() / 2;
        // The user's own: filled with the accent, so the chip says a click takes it back.
        painter->setPen(QPen(chip.own ? colors.link() : colors.secondaryText(), 1));
        painter->setBrush(chip.own ? ChatColors::mixed(colors.link(), colors.background(), 0.25) : colors.background());
        painter->drawRoundedRect(rect, radius, radius);
        painter->setPen(colors.text());
        painter->drawText(rect, Qt::AlignCenter | Qt::TextSingleLine, chip.label);
    }
    painter->restore();
}

} // namespace Kaiwa::Ui
