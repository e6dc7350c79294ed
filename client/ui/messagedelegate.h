// SPDX-License-Identifier: MIT
#pragma once

#include "client/linkfinder.h"

#include <QStyledItemDelegate>
#include <QTextLayout>

#include <memory>
#include <optional>

namespace Kaiwa::Ui {

/**
 * Paints ChatLogModel rows as chat bubbles: sender and local time above the text, own messages on the
 * right in the highlight colour, pending ones marked, client notices centred. Text is laid out as plain
 * text (never HTML) and wrapped; web addresses in it are drawn as links and reported by
 * linkActivated() when clicked.
 *
 * What a sender controls (the name, the text) is only ever drawn as text inside its own bubble, so it
 * cannot look like anything else: every line break in a message breaks a line of that bubble, and a
 * sender signed in to an account (VerifiedRole) is shown by drawn shapes no text can produce, a check
 * badge before the name and a bar along the bubble's edge, never by a character added to the name.
 */
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit MessageDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /// Where the verified badge of the item at `index` is drawn (viewport coordinates); empty if it has none.
    QRect badgeRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    /// The link under `position` (viewport coordinates) in the item at `index`, if any.
    std::optional<QUrl> linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                               const QPoint &position) const;

Q_SIGNALS:
    void linkActivated(const QUrl &url);

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

private:
    struct ItemLayout {
        bool notice = false;
        bool own = false;
        bool verified = false;
        QRect bubble;           ///< In item coordinates (top-left of the item is 0,0).
        QRect badge;            ///< The verified badge, before the sender; empty when not verified.
        QString sender;
        QString details;        ///< Time and delivery state.
        QPoint headerOrigin;
        std::unique_ptr<QTextLayout> text;
        QPointF textOrigin;
        QList<Client::TextLink> links;
        int height = 0;
    };

    ItemLayout layoutItem(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    QString deliveryText(const QModelIndex &index) const;
};

} // namespace Kaiwa::Ui
