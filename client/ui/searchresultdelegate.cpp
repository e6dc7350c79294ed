// SPDX-License-Identifier: MIT
#include "searchresultdelegate.h"

#include "chatcolors.h"

#include "client/searchresultsmodel.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;
using Client::SearchResultsModel;

namespace {
constexpr int margin = 6;
constexpr int lineGap = 2;
constexpr int maxTextLines = 2;

QFont smallerFont(const QFont &font)
{
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.85);
    return small;
}

/// The matches in bold on a tint of the mentions' colour: set before the layout, since bold is wider.
QList<QTextLayout::FormatRange> highlightFormats(const SearchResultsModel::Snippet &snippet, const ChatColors &colors)
{
    QList<QTextLayout::FormatRange> formats;
    for (const SearchResultsModel::Highlight &highlight : snippet.highlights) {
        QTextCharFormat format;
        format.setFontWeight(QFont::Bold);
        format.setBackground(ChatColors::mixed(colors.mention(), colors.background(), 0.35));
        format.setForeground(colors.text());
        formats.append({highlight.start, highlight.length, format});
    }
    return formats;
}

/// The snippet laid out at `width`, at most maxTextLines lines.
std::unique_ptr<QTextLayout> layOut(const SearchResultsModel::Snippet &snippet, const QFont &font, int width,
                                    const ChatColors &colors)
{
    auto layout = std::make_unique<QTextLayout>(snippet.text, font);
    layout->setFormats(highlightFormats(snippet, colors));
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout->setTextOption(option);
    layout->beginLayout();
    qreal y = 0;
    for (int i = 0; i < maxTextLines; ++i) {
        QTextLine line = layout->createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
    }
    layout->endLayout();
    return layout;
}
} // namespace

SearchResultDelegate::SearchResultDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QString SearchResultDelegate::headerText(const QModelIndex &index, const QLocale &locale) const
{
    Client::LogTimeFormat format = m_format;
    format.setLocale(locale); // the view's, which follows the language chosen
    const QDateTime time = index.data(SearchResultsModel::TimeRole).toDateTime();
    const QString when = time.isValid() ? tr("%1 %2", "search result: day, time")
                                              .arg(format.dayLabel(format.localDate(time)), format.shortTime(time))
                                        : QString();
    QStringList parts{index.data(SearchResultsModel::RoomRole).toString(),
                      index.data(SearchResultsModel::SenderRole).toString(), when};
    parts.removeAll(QString());
    return parts.join(u" · "_s);
}

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = std::max(option.rect.width(), 200) - 2 * margin;
    const auto snippet = index.data(SearchResultsModel::SnippetRole).value<SearchResultsModel::Snippet>();
    const auto layout = layOut(snippet, option.font, width, ChatColors(option.palette));
    const int textHeight = qCeil(layout->boundingRect().height());
    const int headerHeight = QFontMetrics(smallerFont(option.font)).height();
    return {width + 2 * margin, margin + headerHeight + lineGap + std::max(textHeight, 1) + margin};
}

void SearchResultDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear(); // the text is drawn below, with its highlights
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const ChatColors colors(option.palette);
    const QColor textColor = selected ? option.palette.color(QPalette::HighlightedText) : colors.text();
    const QRect area = option.rect.adjusted(margin, margin, -margin, -margin);

    painter->save();
    const QFont headerFont = smallerFont(option.font);
    const QFontMetrics headerMetrics(headerFont);
    painter->setFont(headerFont);
    painter->setPen(selected ? textColor : colors.secondaryText());
    // As the chat log: a locale set on the view wins; otherwise the application's (the language switcher sets it).
    const bool ownLocale = widget && widget->testAttribute(Qt::WA_SetLocale);
    const QString header = headerMetrics.elidedText(headerText(index, ownLocale ? widget->locale() : QLocale()),
                                                    Qt::ElideRight, area.width());
    painter->drawText(QRect(area.left(), area.top(), area.width(), headerMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, header);

    const auto snippet = index.data(SearchResultsModel::SnippetRole).value<SearchResultsModel::Snippet>();
    const auto layout = layOut(snippet, option.font, area.width(), colors);
    painter->setPen(textColor);
    painter->setClipRect(area);
    layout->draw(painter, QPointF(area.left(), area.top() + headerMetrics.height() + lineGap));
    painter->restore();
}

} // namespace Kaiwa::Ui
