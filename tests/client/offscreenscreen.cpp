// SPDX-License-Identifier: MIT
#include "offscreenscreen.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace KaiwaTest {

using namespace Qt::StringLiterals;

OffscreenScreen::OffscreenScreen(QSize devicePixels)
{
    if (qgetenv("QT_QPA_PLATFORM") != "offscreen" || !m_directory.isValid())
        return;
    const QJsonObject screen{{"name"_L1, u"screen"_s},
                             {"x"_L1, 0},
                             {"y"_L1, 0},
                             {"width"_L1, devicePixels.width()},
                             {"height"_L1, devicePixels.height()},
                             {"logicalDpi"_L1, 96},
                             {"logicalBaseDpi"_L1, 96},
                             {"dpr"_L1, 1.0}};
    const QString path = m_directory.filePath(u"screen.json"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(QJsonDocument(QJsonObject{{"screens"_L1, QJsonArray{screen}}}).toJson());
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(path));
}

} // namespace KaiwaTest
