// SPDX-License-Identifier: MIT
#pragma once

#include <QFont>
#include <QString>

namespace Kaiwa::Ui {

/**
 * The colour emoji font, made the first fallback of the application's font.
 *
 * Debian's package depends on fonts-noto-color-emoji (packaging/CMakeLists.txt); without an emoji
 * font, 👍 and 🎉 are drawn as empty boxes. Which font fills in for a glyph the text font lacks is
 * otherwise up to fontconfig, which may pick a monochrome symbol font first; a substitution makes
 * it the colour one wherever Kaiwa draws text.
 */
namespace EmojiFont {

/// The first colour emoji family installed (Noto Color Emoji, Apple Color Emoji, Segoe UI Emoji, …); empty if none.
QString family();

/// Makes family() the first substitute of the application font's family (and of the generic sans-serif
/// names it may resolve from). Returns the family, empty when no emoji font is installed.
QString installFallback();

/// `base` for showing emoji alone (the picker's grid): the emoji family first, the base family after.
QFont forEmoji(const QFont &base);

} // namespace EmojiFont

} // namespace Kaiwa::Ui
