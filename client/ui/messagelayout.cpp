// SPDX-License-Identifier: MIT
#include "messagelayout.h"

#include "chatcolors.h"

#include "client/chatlogmodel.h"
#include "client/logtimeformat.h"

#include <QPainter>
#include <QPainterPath>
#include <QTextBoundaryFinder>
#include <QTextLine>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;
using Client::ChatLogModel;
using Kaiwa::ReactionSummary;
using Kaiwa::ReplyQuote;

namespace {

constexpr int outerMarginX = 10;
constexpr int rowGap = 2;    ///< Below every bubble.
constexpr int groupGap = 6;  ///< Above a bubble that starts a group.
constexpr int padding = 7;   ///< Inside a bubble.
constexpr int headerGap = 2; ///< Between the name and the text.
constexpr int timeGap = 8;   ///< Between the last line of text and the time beside it.
constexpr int dividerPadding = 6;
constexpr int badgeGap = 4;
constexpr int quoteBarWidth = 3;
constexpr int quotePadding = 4; ///< Around the quote's text, inside its block.
constexpr int blockGap = 4;     ///< Between the quote and the text, the text and the reactions.
constexpr int verifiedBarWidth = 3;
constexpr qreal radius = 8;
/// Share of the width a bubble may take: a little more when the window is narrow.
constexpr qreal wideShare = 0.8;
constexpr qreal narrowShare = 0.9;
constexpr int narrowWidth = 480;

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

int usableWidth(const MessageLayout::Style &style)
{
    return std::max(style.width, 4 * outerMarginX + 4 * padding);
}

int maxBubbleWidth(int width)
{
    return int((width - 2 * outerMarginX) * (width < narrowWidth ? narrowShare : wideShare));
}

/**
 * Lays out plain text; QTextLayout never interprets markup. Every line break of the text becomes U+2028,
 * the only one QTextLayout breaks lines at, one UTF-16 unit for one so that offsets (links, selections)
 * stay in place.
 */
std::unique_ptr<QTextLayout> layoutText(QString text, const QFont &font, int width,
                                        Qt::Alignment alignment = Qt::AlignLeft)
{
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
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    textOption.setUseDesignMetrics(true);
    textOption.setAlignment(alignment);
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

qreal naturalWidth(const QTextLayout &layout)
{
    qreal width = 0;
    for (int i = 0; i < layout.lineCount(); ++i)
        width = std::max(width, layout.lineAt(i).naturalTextWidth());
    return width;
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

bool isNoticeRow(const QModelIndex &index)
{
    return index.data(ChatLogModel::KindRole).value<ChatLogModel::Kind>() == ChatLogModel::Kind::Notice;
}

QString senderOf(const QModelIndex &index)
{
    const QString sender = index.data(ChatLogModel::SenderRole).toString();
    return sender.isEmpty() ? MessageLayout::tr("(unknown)") : sender; // Tutorial servers relay no sender.
}

} // namespace

bool MessageLayout::startsDay(const QModelIndex &index, const QModelIndex &previous,
                              const Client::LogTimeFormat &format)
{
    if (!previous.isValid())
        return true;
    return format.localDate(index.data(ChatLogModel::TimeRole).toDateTime())
           != format.localDate(previous.data(ChatLogModel::TimeRole).toDateTime());
}

bool MessageLayout::startsGroup(const QModelIndex &index, const QModelIndex &previous,
                                const Client::LogTimeFormat &format)
{
    if (!previous.isValid() || isNoticeRow(index) || isNoticeRow(previous) || startsDay(index, previous, format))
        return true;
    // A verified sender and an anonymous one who took the same name are two people: never one group.
    for (const int role : {ChatLogModel::SenderRole, ChatLogModel::VerifiedRole, ChatLogModel::IsOwnRole}) {
        if (index.data(role) != previous.data(role))
            return true;
    }
    const qint64 seconds =
        previous.data(ChatLogModel::TimeRole).toDateTime().secsTo(index.data(ChatLogModel::TimeRole).toDateTime());
    return std::abs(seconds) > std::chrono::seconds(groupWindow).count();
}

MessageLayout::MessageLayout(const QModelIndex &index, const QModelIndex &previous, const Style &style)
    : m_width(usableWidth(style))
{
    Q_ASSERT(style.format);
    const Client::LogTimeFormat &format = *style.format;
    const QDateTime time = index.data(ChatLogModel::TimeRole).toDateTime();
    m_deleted = index.data(ChatLogModel::DeletedRole).toBool();
    const QString text = m_deleted ? ChatLogModel::deletedText() : index.data(ChatLogModel::TextRole).toString();
    int top = 0;
    const int dividerHeight = QFontMetrics(smallFont(style.font)).height() + 2 * dividerPadding;
    if (index.data(ChatLogModel::NewMessagesRole).toBool()) {
        m_newMessagesLabel = tr("New messages");
        m_newMessagesRect = QRect(0, top, m_width, dividerHeight);
        top += dividerHeight;
    }
    if (startsDay(index, previous, format)) {
        m_dayLabel = format.dayLabel(format.localDate(time));
        m_dividerRect = QRect(0, top, m_width, dividerHeight);
        top += dividerHeight;
    }
    m_timeFont = smallFont(style.font);
    m_notice = isNoticeRow(index);
    if (m_notice) {
        layOutNotice(text, style, top);
        return;
    }
    // Below the "new messages" divider the sender is named again: the group above was read.
    const bool showSender = startsGroup(index, previous, format) || !m_newMessagesLabel.isEmpty();
    if (showSender && m_dayLabel.isEmpty() && m_newMessagesLabel.isEmpty() && previous.isValid())
        top += groupGap;

    m_own = index.data(ChatLogModel::IsOwnRole).toBool();
    m_verified = index.data(ChatLogModel::VerifiedRole).toBool();
    const auto delivery = index.data(ChatLogModel::DeliveryRole).value<ChatLogModel::Delivery>();
    m_pending = delivery != ChatLogModel::Delivery::Received && delivery != ChatLogModel::Delivery::Delivered;
    m_sender = senderOf(index);
    m_mentionsYou = index.data(ChatLogModel::MentionsYouRole).toBool();
    m_time = format.shortTime(time);
    if (index.data(ChatLogModel::EditedRole).toDateTime().isValid() && !m_deleted)
        m_time += u' ' + ChatLogModel::editedText();
    if (const QString state = ChatLogModel::deliveryText(delivery); !state.isEmpty())
        m_time += u" · "_s + state;

    const int maxBubble = maxBubbleWidth(m_width);
    const int textWidth = maxBubble - 2 * padding;
    if (!m_deleted)
        m_links = Client::LinkFinder::find(text);
    QFont textFont = style.font;
    textFont.setItalic(m_deleted);
    m_text = layoutText(text, textFont, textWidth);

    m_senderFont = boldFont(style.font);
    const QFontMetrics senderMetrics(m_senderFont);
    const QFontMetrics timeMetrics(m_timeFont);
    int senderLineHeight = 0;
    int senderWidth = 0;
    const int badgeSize = senderMetrics.ascent();
    const int badgeWidth = m_verified ? badgeSize + badgeGap : 0;
    if (showSender) {
        // Elided inside the bubble: a long name never pushes the time out, whatever the width.
        m_shownSender = senderMetrics.elidedText(m_sender, Qt::ElideRight, std::max(textWidth - badgeWidth, 0));
        senderLineHeight = senderMetrics.height() + headerGap;
        senderWidth = badgeWidth + senderMetrics.horizontalAdvance(m_shownSender);
    }

    // The quote: one line, "alice: the start of her text", elided to the bubble's width.
    int quoteHeight = 0;
    int quoteWidth = 0;
    if (const QVariant quote = index.data(ChatLogModel::ReplyRole); quote.isValid()) {
        const auto reply = quote.value<ReplyQuote>();
        m_quotedId = reply.id;
        QString line = ChatLogModel::quoteText(reply);
        line.replace(u'\n', u' ');
        m_shownQuote = timeMetrics.elidedText(line, Qt::ElideRight, textWidth - quoteBarWidth - 2 * quotePadding);
        quoteWidth = timeMetrics.horizontalAdvance(m_shownQuote) + quoteBarWidth + 2 * quotePadding;
        quoteHeight = timeMetrics.height() + 2 * quotePadding + blockGap;
    }
    m_chips = ReactionChips(index.data(ChatLogModel::ReactionsRole).value<QList<ReactionSummary>>(),
                            index.data(ChatLogModel::OwnReactionsRole).toStringList(), m_timeFont, textWidth);
    const int chipsHeight = m_chips.isEmpty() ? 0 : m_chips.size().height() + blockGap;

    const int textHeight = qCeil(m_text->boundingRect().height());
    const int timeWidth = timeMetrics.horizontalAdvance(m_time);
    const QTextLine lastLine = m_text->lineAt(m_text->lineCount() - 1);
    const qreal lastWidth = lastLine.naturalTextWidth();
    // Beside the last line when it fits there (not for right-to-left text, whose lines end on the left).
    const bool timeInline = !text.isRightToLeft() && lastWidth + timeGap + timeWidth <= textWidth;
    const qreal otherWidth = std::max({qreal(senderWidth), qreal(quoteWidth), qreal(m_chips.size().width())});
    const qreal contentWidth = timeInline
                                   ? std::max({naturalWidth(*m_text), lastWidth + timeGap + timeWidth, otherWidth})
                                   : std::max({naturalWidth(*m_text), qreal(timeWidth), otherWidth});
    const int bubbleWidth = std::min(maxBubble, qCeil(contentWidth) + 2 * padding);
    const int timeLineHeight = timeInline ? 0 : timeMetrics.height();
    const int bubbleHeight =
        padding + senderLineHeight + quoteHeight + textHeight + timeLineHeight + chipsHeight + padding;
    const int left = m_own ? m_width - outerMarginX - bubbleWidth : outerMarginX;

    m_bubble = QRect(left, top, bubbleWidth, bubbleHeight);
    if (showSender) {
        m_senderRect = QRect(left + padding + badgeWidth, top + padding, senderMetrics.horizontalAdvance(m_shownSender),
                             senderMetrics.height());
        if (m_verified)
            m_badge =
                QRect(left + padding, top + padding + (senderMetrics.height() - badgeSize) / 2, badgeSize, badgeSize);
    }
    if (m_quotedId > 0)
        m_quoteRect = QRect(left + padding, top + padding + senderLineHeight, quoteWidth, quoteHeight - blockGap);
    m_textOrigin = QPointF(left + padding, top + padding + senderLineHeight + quoteHeight);
    const int timeLeft = left + bubbleWidth - padding - timeWidth;
    if (timeInline) {
        const qreal baseline = m_textOrigin.y() + lastLine.y() + lastLine.ascent();
        m_timeRect = QRect(timeLeft, qRound(baseline) - timeMetrics.ascent(), timeWidth, timeMetrics.height());
    } else {
        m_timeRect = QRect(timeLeft, int(m_textOrigin.y()) + textHeight, timeWidth, timeMetrics.height());
    }
    m_chipsOrigin = QPoint(left + padding, int(m_textOrigin.y()) + textHeight + timeLineHeight + blockGap);
    m_height = top + bubbleHeight + rowGap;
}

MessageLayout::~MessageLayout() = default;

void MessageLayout::layOutNotice(const QString &text, const Style &style, int top)
{
    QFont font = style.font;
    font.setItalic(true);
    m_text = layoutText(text, font, m_width - 2 * outerMarginX, Qt::AlignHCenter);
    const int textHeight = qCeil(m_text->boundingRect().height());
    m_textOrigin = QPointF(outerMarginX, top + padding / 2);
    m_bubble = QRect(outerMarginX, top, m_width - 2 * outerMarginX, textHeight + padding);
    m_height = top + textHeight + padding + rowGap;
}

int MessageLayout::estimateHeight(const QModelIndex &index, const Style &style)
{
    const QFontMetrics metrics(style.font);
    const int textWidth = std::max(maxBubbleWidth(usableWidth(style)) - 2 * padding, 1);
    // Wide (CJK) characters take about twice the average width; line breaks start new lines.
    int lines = 1;
    qreal lineWidth = 0;
    const QString text = index.data(ChatLogModel::TextRole).toString();
    for (const QChar c : text) {
        if (c == u'\n') {
            ++lines;
            lineWidth = 0;
            continue;
        }
        lineWidth += metrics.averageCharWidth() * (c.unicode() >= 0x1100 ? 2 : 1);
        if (lineWidth > textWidth) {
            ++lines;
            lineWidth = 0;
        }
    }
    return groupGap + 2 * padding + QFontMetrics(boldFont(style.font)).height() + lines * metrics.lineSpacing()
           + rowGap;
}

QRectF MessageLayout::textRect() const
{
    return QRectF(m_textOrigin, m_text->boundingRect().size());
}

int MessageLayout::textLength() const
{
    return int(m_text->text().size());
}

int MessageLayout::textOffsetAt(const QPointF &point) const
{
    const QPointF local = point - m_textOrigin;
    if (local.y() < 0)
        return 0;
    for (int i = 0; i < m_text->lineCount(); ++i) {
        const QTextLine line = m_text->lineAt(i);
        if (local.y() < line.y() + line.height())
            return line.xToCursor(local.x(), QTextLine::CursorBetweenCharacters);
    }
    return textLength();
}

QPointF MessageLayout::positionOf(int offset) const
{
    const QTextLine line = m_text->lineForTextPosition(std::clamp(offset, 0, textLength()));
    if (!line.isValid())
        return m_textOrigin;
    return m_textOrigin + QPointF(line.cursorToX(offset), line.y() + line.height() / 2);
}

bool MessageLayout::isOverText(const QPointF &point) const
{
    const QPointF local = point - m_textOrigin;
    for (int i = 0; i < m_text->lineCount(); ++i) {
        const QTextLine line = m_text->lineAt(i);
        if (line.naturalTextRect().contains(local))
            return true;
    }
    return false;
}

std::pair<int, int> MessageLayout::wordAt(int offset) const
{
    const QString &text = m_text->text();
    QTextBoundaryFinder finder(QTextBoundaryFinder::Word, text);
    finder.setPosition(std::clamp(offset, 0, int(text.size())));
    int start = finder.isAtBoundary() && (finder.boundaryReasons() & QTextBoundaryFinder::StartOfItem)
                    ? int(finder.position())
                    : int(finder.toPreviousBoundary());
    finder.setPosition(std::max(start, 0));
    const int end = int(finder.toNextBoundary());
    start = std::max(start, 0);
    return {start, end < 0 ? int(text.size()) : end};
}

std::optional<QString> MessageLayout::reactionAt(const QPoint &point) const
{
    return m_chips.emojiAt(point - m_chipsOrigin);
}

QRect MessageLayout::reactionRect(const QString &emoji) const
{
    const QRect chip = m_chips.chipRect(emoji);
    return chip.isEmpty() ? chip : chip.translated(m_chipsOrigin);
}

std::optional<QUrl> MessageLayout::linkAt(const QPointF &point) const
{
    if (m_notice || m_links.isEmpty() || !isOverText(point))
        return std::nullopt;
    const QPointF local = point - m_textOrigin;
    for (int i = 0; i < m_text->lineCount(); ++i) {
        const QTextLine line = m_text->lineAt(i);
        if (!line.rect().contains(local))
            continue;
        const int cursor = line.xToCursor(local.x(), QTextLine::CursorOnCharacter);
        for (const Client::TextLink &link : m_links) {
            if (cursor >= link.start && cursor < link.start + link.length)
                return link.url;
        }
    }
    return std::nullopt;
}

void MessageLayout::paintDivider(QPainter *painter, const QRect &rect, const QString &label, const QColor &textColor,
                                 const QColor &lineColor) const
{
    const QFontMetrics metrics(painter->font());
    const int labelWidth = metrics.horizontalAdvance(label);
    const QRect labelRect((m_width - labelWidth) / 2, rect.top() + dividerPadding, labelWidth, metrics.height());
    painter->setPen(textColor);
    painter->drawText(labelRect, Qt::AlignCenter, label);
    const int y = labelRect.center().y();
    painter->setPen(QPen(lineColor, 1));
    painter->drawLine(outerMarginX, y, labelRect.left() - 2 * padding, y);
    painter->drawLine(labelRect.right() + 2 * padding, y, m_width - outerMarginX, y);
}

void MessageLayout::paint(QPainter *painter, const QPointF &origin, const ChatColors &colors,
                          const PaintState &state) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->translate(origin);
    if (!m_newMessagesLabel.isEmpty()) {
        // In the colour of mentions: it asks for attention, and is readable on the background in every theme.
        QFont bold = m_timeFont;
        bold.setBold(true);
        painter->setFont(bold);
        paintDivider(painter, m_newMessagesRect, m_newMessagesLabel, colors.mention(), colors.mention());
    }
    if (!m_dayLabel.isEmpty()) {
        painter->setFont(m_timeFont);
        paintDivider(painter, m_dividerRect, m_dayLabel, colors.secondaryText(),
                     ChatColors::mixed(colors.secondaryText(), colors.background(), 0.4));
    }

    QList<QTextLayout::FormatRange> formats;
    for (const Client::TextLink &link : m_links) {
        QTextCharFormat format;
        format.setForeground(colors.link());
        format.setFontUnderline(true);
        formats.append({int(link.start), int(link.length), format});
    }
    if (state.selectionStart < state.selectionEnd) {
        QTextCharFormat format;
        format.setBackground(colors.highlight());
        format.setForeground(colors.highlightedText());
        formats.append({state.selectionStart, state.selectionEnd - state.selectionStart, format});
    }

    if (m_notice) {
        if (state.current)
            painter->setPen(QPen(colors.highlight(), 2));
        else
            painter->setPen(Qt::NoPen);
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(m_bubble).adjusted(1, 1, -1, -1), radius, radius);
        painter->setPen(colors.secondaryText());
        m_text->draw(painter, m_textOrigin, formats); // centred by its text option
        painter->restore();
        return;
    }

    QPainterPath path;
    path.addRoundedRect(QRectF(m_bubble).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    painter->fillPath(path, m_mentionsYou ? colors.mentionBubble() : m_own ? colors.ownBubble() : colors.otherBubble());
    if (state.current) {
        painter->setPen(QPen(colors.highlight(), 2));
        painter->drawPath(path);
    } else if (m_mentionsYou) {
        painter->setPen(QPen(colors.mention(), 1.5));
        painter->drawPath(path);
    } else if (m_pending) {
        painter->setPen(QPen(colors.secondaryText(), 1, Qt::DashLine));
        painter->drawPath(path);
    }
    if (m_verified) {
        painter->save();
        painter->setClipPath(path);
        painter->fillRect(QRect(m_bubble.topLeft(), QSize(verifiedBarWidth, m_bubble.height())), colors.verified());
        painter->restore();
        if (!m_badge.isEmpty())
            drawVerifiedBadge(painter, m_badge, colors.verified(), colors.background());
    }
    if (!m_shownSender.isEmpty()) {
        painter->setFont(m_senderFont);
        painter->setPen(colors.sender(m_sender, m_verified));
        painter->drawText(m_senderRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, m_shownSender);
    }
    painter->setFont(m_timeFont);
    painter->setPen(colors.secondaryText());
    painter->drawText(m_timeRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, m_time);
    if (m_quotedId > 0) {
        painter->fillRect(QRect(m_quoteRect.topLeft(), QSize(quoteBarWidth, m_quoteRect.height())),
                          colors.secondaryText());
        painter->drawText(m_quoteRect.adjusted(quoteBarWidth + quotePadding, 0, 0, 0),
                          Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, m_shownQuote);
    }
    if (!m_chips.isEmpty())
        m_chips.paint(painter, m_chipsOrigin, colors);

    painter->setPen(m_pending || m_deleted ? colors.secondaryText() : colors.text());
    m_text->draw(painter, m_textOrigin, formats);
    painter->restore();
}

} // namespace Kaiwa::Ui
