// SPDX-License-Identifier: MIT
#include "mentions.h"

#include "protocol.h"

namespace Kaiwa::Mentions {

namespace {

/// The code point at `i` (a surrogate pair read whole) and its length in UTF-16 units.
std::pair<char32_t, qsizetype> codePointAt(QStringView text, qsizetype i)
{
    if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
        return {QChar::surrogateToUcs4(text[i], text[i + 1]), 2};
    return {text[i].unicode(), 1};
}

bool isNameCharacter(char32_t c)
{
    return QChar::isLetterOrNumber(c) || QChar::category(c) == QChar::Mark_NonSpacing
           || QChar::category(c) == QChar::Mark_SpacingCombining || c == U'_' || c == U'-' || c == U'.';
}

/// The code point just before `i`, or 0 at the start.
char32_t codePointBefore(QStringView text, qsizetype i)
{
    if (i == 0)
        return 0;
    if (text[i - 1].isLowSurrogate() && i >= 2 && text[i - 2].isHighSurrogate())
        return QChar::surrogateToUcs4(text[i - 2], text[i - 1]);
    return text[i - 1].unicode();
}

} // namespace

QString fold(QStringView name)
{
    return name.toString().normalized(QString::NormalizationForm_KC).toCaseFolded();
}

QStringList extract(QStringView text)
{
    QStringList names;
    QStringList folded;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'@')
            continue;
        const char32_t before = codePointBefore(text, i);
        if (before != 0 && (isNameCharacter(before) || before == U'@'))
            continue;
        qsizetype end = i + 1;
        qsizetype characters = 0;
        while (end < text.size() && characters < Protocol::maxMentionLength) {
            const auto [c, length] = codePointAt(text, end);
            if (!isNameCharacter(c))
                break;
            end += length;
            ++characters;
        }
        // A name ends where it stops being one: `.` and `-` at its end close the sentence.
        while (end > i + 1 && (text[end - 1] == u'.' || text[end - 1] == u'-'))
            --end;
        if (end == i + 1)
            continue;
        const QString name = text.sliced(i + 1, end - i - 1).toString();
        const QString key = fold(name);
        if (!folded.contains(key)) {
            folded.append(key);
            names.append(name);
        }
        i = end - 1;
    }
    return names;
}

bool addresses(const QStringList &mentions, const QStringList &names)
{
    for (const QString &name : names) {
        if (name.isEmpty())
            continue;
        const QString key = fold(name);
        for (const QString &mention : mentions) {
            if (fold(mention) == key)
                return true;
        }
    }
    return false;
}

} // namespace Kaiwa::Mentions
