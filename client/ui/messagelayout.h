// SPDX-License-Identifier: MIT
#pragma once

#include "reactionchips.h"

#include "client/linkfinder.h"

#include <QCoreApplication>
#include <QModelIndex>
#include <QTextLayout>

#include <memory>
#include <optional>

namespace Kaiwa::Client {
class LogTimeFormat;
}

namespace Kaiwa::Ui {

class ChatColors;

/**
 * One row of the chat log laid out at a width: what ChatLogView paints and hit-tests. A row is, from
 * the top: the "new messages" divider when the read marker is above it (ChatLogModel::NewMessagesRole),
 * a day divider ("Today") when its local day differs from the previous row's; then a bubble
 * with the sender's name (only at the start of a group: consecutive messages of one sender within a
 * few minutes), the text, and the time at the bottom right, beside the last line when it fits. Own
 * messages are on the right. A client notice is a centred line without a bubble.
 *
 * A reply shows a one-line quote of the message it answers between the name and the text (quoteRect(),
 * clicked to go there); reactions are chips under the text (ReactionChips, reactionAt()); an edited message
 * says "(edited)" after its time; a deleted one reads "message deleted" in italics; a message that
 * mentions the user has an amber bubble and frame. The hit tests of text speak of the text alone.
 *
 * What a sender controls (name, text) is drawn as text inside its own bubble only: every line break
 * breaks a line of that bubble, a long name is elided inside it, and a sender signed in to an account is
 * shown by drawn shapes no text can produce (a check badge before the name, a bar along the bubble).
 * A verified sender and an anonymous one of the same name are never grouped.
 *
 * Coordinates are the row's: its top-left corner is (0, 0).
 */
class MessageLayout
{
    Q_DECLARE_TR_FUNCTIONS(Kaiwa::Ui::MessageLayout)

public:
    /// What every row of a log shares.
    struct Style {
        QFont font;
        int width = 0;
        const Client::LogTimeFormat *format = nullptr;
    };

    /// What changes from paint to paint without a new layout.
    struct PaintState {
        int selectionStart = -1; ///< Selected text [start, end) of this row; none when start >= end.
        int selectionEnd = -1;
        bool current = false; ///< The row the keyboard is on (framed while the view has focus).
    };

    /// Consecutive messages of one sender within this time share a name.
    static constexpr std::chrono::minutes groupWindow{5};

    /// `previous` is the row above (invalid for the first): it decides the day divider and grouping.
    MessageLayout(const QModelIndex &index, const QModelIndex &previous, const Style &style);
    MessageLayout(const MessageLayout &) = delete;
    MessageLayout &operator=(const MessageLayout &) = delete;
    ~MessageLayout();

    /// A cheap guess of the height, for rows not laid out yet (thousands of them, far from view).
    static int estimateHeight(const QModelIndex &index, const Style &style);

    /// True when `index` starts a new group after `previous` (and so shows the sender's name).
    static bool startsGroup(const QModelIndex &index, const QModelIndex &previous, const Client::LogTimeFormat &format);
    /// True when `index` is on another local day than `previous` (and so gets a day divider).
    static bool startsDay(const QModelIndex &index, const QModelIndex &previous, const Client::LogTimeFormat &format);

    int height() const { return m_height; }
    bool isNotice() const { return m_notice; }
    /// The day divider's text; empty when the row has none.
    QString dayLabel() const { return m_dayLabel; }
    /// The "new messages" divider's text; empty when the row has none.
    QString newMessagesLabel() const { return m_newMessagesLabel; }
    QRect newMessagesRect() const { return m_newMessagesRect; }
    /// The sender's name as drawn (elided to fit); empty when the row continues a group.
    QString shownSender() const { return m_shownSender; }
    QRect bubbleRect() const { return m_bubble; }
    QRect senderRect() const { return m_senderRect; }
    QRect timeRect() const { return m_timeRect; }
    /// The quote of the message a reply answers; empty when the row is no reply.
    QRect quoteRect() const { return m_quoteRect; }
    /// The id of the message the quote is of; 0 when the row is no reply.
    qint64 quotedId() const { return m_quotedId; }
    /// The quote as drawn (elided).
    QString shownQuote() const { return m_shownQuote; }
    /// Where the reaction chips are; empty when there are none.
    QRect reactionsRect() const { return QRect(m_chipsOrigin, m_chips.size()); }
    /// The emoji of the reaction chip under `point`, if any.
    std::optional<QString> reactionAt(const QPoint &point) const;
    /// Where the chip of `emoji` is drawn; empty when there is none.
    QRect reactionRect(const QString &emoji) const;
    bool isDeleted() const { return m_deleted; }
    bool mentionsYou() const { return m_mentionsYou; }
    /// The verified badge; empty when the sender is not signed in or the name is not shown.
    QRect badgeRect() const { return m_badge; }
    QRectF textRect() const;

    /// Length of the text in UTF-16 units: the selectable positions are 0 to this.
    int textLength() const;
    /// The text position nearest to `point`: before the text is 0, after it textLength().
    int textOffsetAt(const QPointF &point) const;
    /// Where the text position `offset` is: between two characters, halfway down its line.
    QPointF positionOf(int offset) const;
    /// True when `point` is over the text itself (for the text cursor shape).
    bool isOverText(const QPointF &point) const;
    /// The word around `offset`, [start, end).
    std::pair<int, int> wordAt(int offset) const;
    /// The link under `point`, if any.
    std::optional<QUrl> linkAt(const QPointF &point) const;
    const QList<Client::TextLink> &links() const { return m_links; }

    void paint(QPainter *painter, const QPointF &origin, const ChatColors &colors, const PaintState &state) const;

private:
    void layOutNotice(const QString &text, const Style &style, int top);
    /// A centred label between two lines across the row, in `rect`.
    void paintDivider(QPainter *painter, const QRect &rect, const QString &label, const QColor &textColor,
                      const QColor &lineColor) const;

    bool m_notice = false;
    bool m_own = false;
    bool m_verified = false;
    bool m_pending = false; ///< Not (yet) confirmed by the server: drawn quieter, with a dashed frame.
    bool m_deleted = false;
    bool m_mentionsYou = false;
    qint64 m_quotedId = 0;
    QString m_shownQuote;
    QRect m_quoteRect;
    ReactionChips m_chips;
    QPoint m_chipsOrigin;
    QString m_dayLabel;
    QRect m_dividerRect;
    QString m_newMessagesLabel;
    QRect m_newMessagesRect;
    QString m_sender;      ///< Full name, for the colour.
    QString m_shownSender; ///< Elided.
    QString m_time;
    QFont m_senderFont;
    QFont m_timeFont;
    QRect m_bubble;
    QRect m_badge;
    QRect m_senderRect;
    QRect m_timeRect;
    std::unique_ptr<QTextLayout> m_text;
    QPointF m_textOrigin;
    QList<Client::TextLink> m_links;
    int m_width = 0;
    int m_height = 0;
};

} // namespace Kaiwa::Ui
