// SPDX-License-Identifier: MIT
#pragma once

#include "client/logtimeformat.h"

#include <QStyledItemDelegate>

namespace Kaiwa::Ui {

/**
 * Draws a search result (SearchResultsModel) in two parts: a line saying where and when ("lobby · alice ·
 * Today 21:04", smaller), then up to two lines of the text around the match with the matched parts in bold on
 * a highlight colour. Text is drawn as text, never as rich text: a message cannot format itself.
 */
class SearchResultDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit SearchResultDelegate(QObject *parent = nullptr);

    /// "lobby · alice · Today 21:04" for the result at `index`, days and times in `locale`.
    QString headerText(const QModelIndex &index, const QLocale &locale = QLocale()) const;
    /// How days and times are said (tests fix the zone and the clock).
    void setTimeFormat(const Client::LogTimeFormat &format) { m_format = format; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    Client::LogTimeFormat m_format;
};

} // namespace Kaiwa::Ui
