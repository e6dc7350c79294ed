// SPDX-License-Identifier: MIT
#include "reactionemoji.h"

#include "protocol.h"

#include <QList>
#include <QTextBoundaryFinder>

namespace Kaiwa::ReactionEmoji {

namespace {

/// Unicode 15's Extended_Pictographic blocks and the emoji that live among other symbols.
bool isPictographic(char32_t c)
{
    return (c >= 0x1F000 && c <= 0x1FAFF)  // mahjong, cards, enclosed, pictographs, emoticons, transport, ...
           || (c >= 0x2600 && c <= 0x27BF) // miscellaneous symbols, dingbats
           || (c >= 0x2300 && c <= 0x23FF) // ⌚ ⌛ ⏩ ⏰ ...
           || (c >= 0x2B00 && c <= 0x2BFF) // ⬆ ⭐ ⭕ ...
           || (c >= 0x2190 && c <= 0x21FF) // arrows with emoji forms
           || (c >= 0x25A0 && c <= 0x25FF) // ▪ ▶ ◀ ◻ ...
           || c == 0x00A9 || c == 0x00AE || c == 0x203C || c == 0x2049 || c == 0x2122 || c == 0x2139 || c == 0x24C2
           || c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299
           || c == 0x20E3; // combining enclosing keycap: 1️⃣
}

} // namespace

bool isValid(QStringView text)
{
    if (text.isEmpty() || text.toUtf8().size() > Protocol::maxEmojiBytes)
        return false;
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, text.data(), text.size());
    if (graphemes.toNextBoundary() != text.size())
        return false;
    bool pictographic = false;
    for (const char32_t c : text.toUcs4()) {
        // Control characters and lone surrogates are never part of an emoji.
        if (c < 0x20 || QChar::category(c) == QChar::Other_Surrogate)
            return false;
        pictographic = pictographic || isPictographic(c);
    }
    return pictographic;
}

} // namespace Kaiwa::ReactionEmoji
