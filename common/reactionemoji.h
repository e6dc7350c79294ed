// SPDX-License-Identifier: MIT
#pragma once

#include <QStringView>

namespace Kaiwa::ReactionEmoji {

/**
 * Whether `text` may be a reaction: exactly one extended grapheme cluster (a flag, a family or a keycap
 * sequence counts as one), at most Protocol::maxEmojiBytes of UTF-8, holding at least one emoji code point
 * (pictographs, regional indicators, a keycap) — so letters and words are not reactions. Qt 6.4 has no
 * Unicode emoji properties: the pictographic ranges of Unicode 15 stand in for Extended_Pictographic.
 */
bool isValid(QStringView text);

} // namespace Kaiwa::ReactionEmoji
