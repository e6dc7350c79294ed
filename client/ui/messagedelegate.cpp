// SPDX-License-Identifier: MIT
#include "messagedelegate.h"

#include "client/chatlogmodel.h"

#include <QAbstractItemView>
#include <QGuiApplication>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextLine>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;
using Client::ChatLogModel;

namespace {

constexpr int outerMarginX = 10;
constexpr int outerMarginY = 3;
constexpr int padding = 7;
constexpr int headerGap = 2;
constexpr qreal radius = 8;
constexpr qreal bubbleWidthShare = 0.8;
constexpr int badgeGap = 4;
constexpr int verifiedBarWidth = 3;

/// The width items get: the view's viewport, as option.rect is not set when sizes are asked.
int availableWidth(const QStyleOptionViewItem &option)
{
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        return view->viewport()->width();
    return option.rect.width();
}

QColor mixed(const QColor &a, const QColor &b, qreal share)
{
    return QColor::fromRgbF(float(a.redF() * share + b.redF() * (1 - share)),
                            float(a.greenF() * share + b.greenF() * (1 - share)),
                            float(a.blueF() * share + b.blueF() * (1 - share)));
}

QFont boldFont(QFont font)
{
    font.setBold(true);
    return font;
}

QFont smallFont(QFont font)
{
    font.setPointSizeF(font.pointSizeF() * 0.85);
    return font;
}

/**
 * Lays out plain text; QTextLayout never interprets markup. Formats (links) must be set before the
 * layout is made: setting them afterwards discards the lines.
 */
std::unique_ptr<QTextLayout> layoutText(QString text, const QFont &font, int width,
                                        const QList<QTextLayout::FormatRange> &formats = {})
{
    // QTextLayout breaks lines only at U+2028: every other line break becomes one, so each shows as a new
    // line of this bubble. One UTF-16 unit for one keeps every offset (and so the links) in place.
    for (qsizetype i = 0; i < text.size(); ++i) {
        switch (text.at(i).unicode()) {
        case u'\r':
            // CR LF is one break: the CR becomes a zero-width space.
            text[i] = i + 1 < text.size() && text.at(i + 1) == u'\n' ? QChar(0x200B) : QChar::LineSeparator;
            break;
        case u'\n':
        case u'\v':
        case u'\f':
        case 0x0085: // NEXT LINE
        case QChar::ParagraphSeparator:
            text[i] = QChar::LineSeparator;
            break;
        default:
            break;
        }
    }
    auto layout = std::make_unique<QTextLayout>(text, font);
    layout->setFormats(formats);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    textOption.setUseDesignMetrics(true);
    layout->setTextOption(textOption);
    layout->setCacheEnabled(true);
    layout->beginLayout();
    qreal y = 0;
    for (QTextLine line = layout->createLine(); line.isValid(); line = layout->createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
    }
    layout->endLayout();
    return layout;
}

/// A check mark in a filled circle, drawn: no character of a name can look like it in its place.
void drawVerifiedBadge(QPainter *painter, const QRectF &rect, const QColor &fill, const QColor &mark)
{
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawEllipse(rect);
    QPainterPath check;
    check.moveTo(rect.left() + rect.width() * 0.28, rect.top() + rect.height() * 0.52);
    check.lineTo(rect.left() + rect.width() * 0.44, rect.top() + rect.height() * 0.68);
    check.lineTo(rect.left() + rect.width() * 0.73, rect.top() + rect.height() * 0.34);
    painter->setPen(QPen(mark, std::max(1.5, rect.width() / 7), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(check);
}

qreal naturalWidth(const QTextLayout &layout)
{
    qreal width = 0;
    for (int i = 0; i < layout.lineCount(); ++i)
        width = std::max(width, layout.lineAt(i).naturalTextWidth());
    return width;
}

} // namespace

MessageDelegate::MessageDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QString MessageDelegate::deliveryText(const QModelIndex &index) const
{
    switch (index.data(ChatLogModel::DeliveryRole).value<ChatLogModel::Delivery>()) {
    case ChatLogModel::Delivery::Pending:
        return tr("waiting to be sent");
    case ChatLogModel::Delivery::Unconfirmed:
        return tr("delivery not confirmed");
    case ChatLogModel::Delivery::Failed:
        return tr("not delivered");
    case ChatLogModel::Delivery::Received:
    case ChatLogModel::Delivery::Delivered:
        break;
    }
    return {};
}

MessageDelegate::ItemLayout MessageDelegate::layoutItem(const QStyleOptionViewItem &option,
                                                        const QModelIndex &index) const
{
    ItemLayout item;
    const int width = std::max(availableWidth(option), 4 * outerMarginX + 4 * padding);
    const QString text = index.data(ChatLogModel::TextRole).toString();
    item.notice = index.data(ChatLogModel::KindRole).value<ChatLogModel::Kind>() == ChatLogModel::Kind::Notice;

    if (item.notice) {
        QFont font = option.font;
        font.setItalic(true);
        item.text = layoutText(text, font, width - 2 * outerMarginX);
        const int textHeight = qCeil(item.text->boundingRect().height());
        item.textOrigin = QPointF(outerMarginX, outerMarginY + padding / 2);
        item.height = textHeight + 2 * outerMarginY + padding;
        return item;
    }

    item.own = index.data(ChatLogModel::IsOwnRole).toBool();
    item.sender = index.data(ChatLogModel::SenderRole).toString();
    if (item.sender.isEmpty())
        item.sender = tr("(unknown)"); // Tutorial servers relay no sender.
    item.verified = index.data(ChatLogModel::VerifiedRole).toBool();
    const QDateTime time = index.data(ChatLogModel::TimeRole).toDateTime().toLocalTime();
    item.details = QLocale().toString(time.time(), QLocale::ShortFormat);
    if (const QString delivery = deliveryText(index); !delivery.isEmpty())
        item.details += u" · "_s + delivery;

    const int maxBubble = int((width - 2 * outerMarginX) * bubbleWidthShare);
    item.links = Client::LinkFinder::find(text);
    QList<QTextLayout::FormatRange> formats;
    for (const Client::TextLink &link : std::as_const(item.links)) {
        QTextCharFormat format;
        format.setForeground(option.palette.color(QPalette::Link));
        format.setFontUnderline(true);
        formats.append({int(link.start), int(link.length), format});
    }
    item.text = layoutText(text, option.font, maxBubble - 2 * padding, formats);

    const QFontMetrics senderMetrics(boldFont(option.font));
    const QFontMetrics detailMetrics(smallFont(option.font));
    const int headerHeight = std::max(senderMetrics.height(), detailMetrics.height());
    const int badgeSize = senderMetrics.ascent();
    const int badgeWidth = item.verified ? badgeSize + badgeGap : 0;
    const int headerWidth = badgeWidth + senderMetrics.horizontalAdvance(item.sender) + padding
        + detailMetrics.horizontalAdvance(item.details);
    const int textWidth = qCeil(naturalWidth(*item.text));
    const int textHeight = qCeil(item.text->boundingRect().height());
    const int bubbleWidth = std::min(maxBubble, std::max(headerWidth, textWidth) + 2 * padding);
    const int bubbleHeight = padding + headerHeight + headerGap + textHeight + padding;
    const int left = item.own ? width - outerMarginX - bubbleWidth : outerMarginX;

    item.bubble = QRect(left, outerMarginY, bubbleWidth, bubbleHeight);
    item.headerOrigin = QPoint(left + padding + badgeWidth, outerMarginY + padding + senderMetrics.ascent());
    if (item.verified)
        item.badge =
            QRect(left + padding, outerMarginY + padding + (headerHeight - badgeSize) / 2, badgeSize, badgeSize);
    item.textOrigin = QPointF(left + padding, outerMarginY + padding + headerHeight + headerGap);
    item.height = bubbleHeight + 2 * outerMarginY;
    return item;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    return QSize(availableWidth(option), layoutItem(opt, index).height);
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const ItemLayout item = layoutItem(opt, index);
    const QPalette &palette = opt.palette;
    const auto delivery = index.data(ChatLogModel::DeliveryRole).value<ChatLogModel::Delivery>();
    const bool pending = delivery != ChatLogModel::Delivery::Received && delivery != ChatLogModel::Delivery::Delivered;
    const bool selected = opt.state & QStyle::State_Selected;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->translate(opt.rect.topLeft());

    if (item.notice) {
        if (selected)
            painter->fillRect(QRect(0, 0, opt.rect.width(), item.height), palette.color(QPalette::Highlight));
        painter->setPen(selected ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::PlaceholderText));
        // Centre each line within the row.
        for (int i = 0; i < item.text->lineCount(); ++i) {
            const QTextLine line = item.text->lineAt(i);
            const qreal offset = (opt.rect.width() - 2 * outerMarginX - line.naturalTextWidth()) / 2;
            line.draw(painter, item.textOrigin + QPointF(offset, 0));
        }
        painter->restore();
        return;
    }

    const QColor base = palette.color(QPalette::Base);
    const QColor bubbleColor = item.own ? mixed(palette.color(QPalette::Highlight), base, 0.22)
                                        : mixed(palette.color(QPalette::Text), base, 0.07);
    QPainterPath path;
    path.addRoundedRect(QRectF(item.bubble).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    painter->fillPath(path, bubbleColor);
    if (selected) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 2));
        painter->drawPath(path);
    } else if (pending) {
        painter->setPen(QPen(palette.color(QPalette::PlaceholderText), 1, Qt::DashLine));
        painter->drawPath(path);
    }
    if (item.verified) {
        const QColor verifiedColor = palette.color(QPalette::Link);
        painter->save();
        painter->setClipPath(path);
        painter->fillRect(QRect(item.bubble.topLeft(), QSize(verifiedBarWidth, item.bubble.height())), verifiedColor);
        painter->restore();
        drawVerifiedBadge(painter, item.badge, verifiedColor, base);
    }

    const QColor textColor = pending ? palette.color(QPalette::PlaceholderText) : palette.color(QPalette::Text);
    const QFont senderFont = boldFont(opt.font);
    painter->setFont(senderFont);
    painter->setPen(textColor);
    painter->drawText(item.headerOrigin, item.sender);
    const int senderWidth = QFontMetrics(senderFont).horizontalAdvance(item.sender);
    painter->setFont(smallFont(opt.font));
    painter->setPen(palette.color(QPalette::PlaceholderText));
    painter->drawText(item.headerOrigin + QPoint(senderWidth + padding, 0), item.details);

    painter->setPen(textColor);
    item.text->draw(painter, item.textOrigin);
    painter->restore();
}

QRect MessageDelegate::badgeRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const ItemLayout item = layoutItem(option, index);
    return item.badge.isEmpty() ? QRect() : item.badge.translated(option.rect.topLeft());
}

std::optional<QUrl> MessageDelegate::linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                                            const QPoint &position) const
{
    const ItemLayout item = layoutItem(option, index);
    if (item.notice || item.links.isEmpty())
        return std::nullopt;
    const QPointF local = QPointF(position - option.rect.topLeft()) - item.textOrigin;
    for (int i = 0; i < item.text->lineCount(); ++i) {
        const QTextLine line = item.text->lineAt(i);
        if (!line.rect().contains(local))
            continue;
        const int cursor = line.xToCursor(local.x(), QTextLine::CursorOnCharacter);
        for (const Client::TextLink &link : item.links) {
            if (cursor >= link.start && cursor < link.start + link.length)
                return link.url;
        }
    }
    return std::nullopt;
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                                  const QModelIndex &index)
{
    if (event->type() != QEvent::MouseMove && event->type() != QEvent::MouseButtonRelease)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const auto *mouseEvent = static_cast<QMouseEvent *>(event);
    const std::optional<QUrl> link = linkAt(option, index, mouseEvent->position().toPoint());
    if (auto *view = qobject_cast<const QAbstractItemView *>(option.widget)) {
        QWidget *viewport = view->viewport();
        if (link)
            viewport->setCursor(Qt::PointingHandCursor);
        else
            viewport->unsetCursor();
    }
    if (link && event->type() == QEvent::MouseButtonRelease && mouseEvent->button() == Qt::LeftButton) {
        Q_EMIT linkActivated(*link);
        return true;
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace Kaiwa::Ui
