// SPDX-License-Identifier: MIT
#pragma once

#include <QFont>
#include <QString>

namespace Kaiwa::Ui {

/**
 * The colour emoji font as the first fallback of Kaiwa's text.
 *
 * Debian's package depends on fonts-noto-color-emoji (packaging/CMakeLists.txt); without an emoji
 * font, 👍 and 🎉 are drawn as empty boxes. Which font fills in for a glyph the text font lacks is
 * otherwise up to fontconfig, which may pick a monochrome symbol font first. Qt 6.4 has no
 * application-wide fallback list (QFontDatabase::addApplicationFallbackFontFamily came in 6.8), but a
 * font's families() are tried in order before the platform's fallbacks: the text family first (so
 * letters and digits keep it), the emoji family second. QFont::insertSubstitution() does not do this:
 * for an alias such as "Sans Serif" it makes the emoji font the primary one, digits and spaces included.
 */
namespace EmojiFont {

/// The first colour emoji family installed (Noto Color Emoji, Apple Color Emoji, Segoe UI Emoji, …); empty if none.
QString family();

/// `base` with family() as its first fallback; `base` itself when no emoji font is installed.
QFont withFallback(const QFont &base);

/// `base` for showing emoji alone (the picker's grid, its button), `scale` times as large: the emoji
/// family first, so that emoji with a text form too (❤, ☺) are drawn in colour.
QFont forEmoji(const QFont &base, qreal scale = 1.0);

} // namespace EmojiFont

} // namespace Kaiwa::Ui
