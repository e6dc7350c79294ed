// SPDX-License-Identifier: MIT
#include "appicon.h"

#include "uilogging.h"

#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace Kaiwa::Ui {

QIcon applicationIcon()
{
    // The same SVG the desktop entry installs (resources/icons/kaiwa.svg), rendered here at the
    // sizes a window and a tray ask for, so no SVG image plugin is needed at run time.
    QSvgRenderer renderer(QStringLiteral(":/kaiwa/icons/kaiwa.svg"));
    if (!renderer.isValid())
        qCWarning(lcUi) << "the application icon resource is missing or invalid";
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace Kaiwa::Ui
