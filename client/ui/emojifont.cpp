// SPDX-License-Identifier: MIT
#include "emojifont.h"

#include "uilogging.h"

#include <QApplication>
#include <QFontDatabase>
#include <QFontInfo>

namespace Kaiwa::Ui::EmojiFont {

using namespace Qt::StringLiterals;

QString family()
{
    // Linux (fonts-noto-color-emoji), macOS, Windows, then other Linux emoji fonts.
    static const QStringList candidates{u"Noto Color Emoji"_s, u"Apple Color Emoji"_s, u"Segoe UI Emoji"_s,
                                        u"Twemoji"_s, u"JoyPixels"_s, u"Emoji One"_s};
    const QStringList installed = QFontDatabase::families();
    for (const QString &candidate : candidates) {
        if (installed.contains(candidate, Qt::CaseInsensitive))
            return candidate;
    }
    return {};
}

QString installFallback()
{
    const QString emoji = family();
    if (emoji.isEmpty()) {
        qCWarning(lcUi) << "no colour emoji font installed (Debian: fonts-noto-color-emoji): emoji may show as boxes";
        return {};
    }
    const QFont font = QApplication::font();
    QStringList families{font.family(), QFontInfo(font).family(), u"Sans Serif"_s, u"sans-serif"_s};
    families.removeDuplicates();
    for (const QString &name : std::as_const(families)) {
        if (!QFont::substitutes(name).contains(emoji, Qt::CaseInsensitive)) // kept in lower case
            QFont::insertSubstitution(name, emoji);
    }
    qCDebug(lcUi) << "emoji fallback" << emoji << "for" << families;
    return emoji;
}

QFont forEmoji(const QFont &base)
{
    QFont font = base;
    if (const QString emoji = family(); !emoji.isEmpty())
        font.setFamilies({emoji, base.family()});
    return font;
}

} // namespace Kaiwa::Ui::EmojiFont
