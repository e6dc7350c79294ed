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
 */
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit MessageDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

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
        QRect bubble;           ///< In item coordinates (top-left of the item is 0,0).
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
