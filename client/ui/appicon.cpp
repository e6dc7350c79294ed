// SPDX-License-Identifier: MIT
#include "appicon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace Kaiwa::Ui {

QIcon applicationIcon()
{
    QIcon icon;
    for (const int size : {16, 22, 32, 48, 64, 128, 256}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(size / 64.0, size / 64.0);
        QPainterPath bubble;
        bubble.addRoundedRect(QRectF(4, 8, 56, 40), 12, 12);
        QPainterPath tail;
        tail.moveTo(16, 44);
        tail.lineTo(12, 58);
        tail.lineTo(30, 46);
        tail.closeSubpath();
        painter.fillPath(bubble.united(tail), QColor(0x2b, 0x7a, 0xd8));
        painter.setBrush(Qt::white);
        painter.setPen(Qt::NoPen);
        for (const int x : {20, 32, 44})
            painter.drawEllipse(QPointF(x, 28), 4.5, 4.5);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace Kaiwa::Ui
