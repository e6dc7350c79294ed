// SPDX-License-Identifier: MIT
#include "emojifont.h"

#include "uilogging.h"

#include <QFontDatabase>
#include <QFontInfo>

namespace Kaiwa::Ui::EmojiFont {

using namespace Qt::StringLiterals;

QString family()
{
    // Linux (fonts-noto-color-emoji), macOS, Windows, then other Linux emoji fonts.
    static const QStringList candidates{u"Noto Color Emoji"_s, u"Apple Color Emoji"_s, u"Segoe UI Emoji"_s,
                                        u"Twemoji"_s,          u"JoyPixels"_s,         u"Emoji One"_s};
    const QStringList installed = QFontDatabase::families();
    for (const QString &candidate : candidates) {
        if (installed.contains(candidate, Qt::CaseInsensitive))
            return candidate;
    }
    static bool warned = false;
    if (!std::exchange(warned, true))
        qCWarning(lcUi) << "no colour emoji font installed (Debian: fonts-noto-color-emoji): emoji may show as boxes";
    return {};
}

QFont withFallback(const QFont &base)
{
    const QString emoji = family();
    // The family the base resolves to, not its name: an alias ("Sans Serif") is no family of the
    // database, and the first real one in the list would become the primary font.
    const QString text = QFontInfo(base).family();
    if (emoji.isEmpty() || text.compare(emoji, Qt::CaseInsensitive) == 0)
        return base;
    QFont font = base;
    font.setFamilies({text, emoji});
    return font;
}

QFont forEmoji(const QFont &base, qreal scale)
{
    QFont font = base;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * scale);
    else
        font.setPixelSize(qRound(font.pixelSize() * scale));
    if (const QString emoji = family(); !emoji.isEmpty())
        font.setFamilies({emoji, QFontInfo(base).family()});
    return font;
}

} // namespace Kaiwa::Ui::EmojiFont
