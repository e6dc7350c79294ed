// SPDX-License-Identifier: MIT
#include "searchtext.h"

#include <algorithm>
#include <optional>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

enum class CharClass {
    Separator,
    Word,
    Run,
    Joiner, ///< Belongs to the token it follows (combining marks, the prolonged sound mark ー).
};

bool isMark(char32_t c)
{
    const auto category = QChar::category(c);
    return category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
           || category == QChar::Mark_Enclosing;
}

/// ﾞ and ﾟ are letters, yet NFKC makes them the combining marks that compose with the kana before them.
bool isHalfwidthSoundMark(char32_t c)
{
    return c == 0xFF9E || c == 0xFF9F;
}

bool isScriptWithoutSpaces(char32_t c)
{
    switch (QChar::script(c)) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Hangul:
    case QChar::Script_Thai:
    case QChar::Script_Lao:
    case QChar::Script_Khmer:
    case QChar::Script_Myanmar:
        return true;
    default:
        return false;
    }
}

CharClass classify(char32_t c)
{
    const bool letterOrNumber = QChar::isLetterOrNumber(c);
    if (!letterOrNumber && !isMark(c))
        return CharClass::Separator; // punctuation, symbols and spaces of every script
    const auto script = QChar::script(c);
    // Marks and modifier letters shared by several scripts (ー, combining sound marks) carry no script of their own.
    if ((script == QChar::Script_Common || script == QChar::Script_Inherited)
        && (isMark(c) || QChar::category(c) == QChar::Letter_Modifier))
        return CharClass::Joiner;
    return isScriptWithoutSpaces(c) ? CharClass::Run : CharClass::Word;
}

/// Full case folding as far as Qt offers it: toCaseFolded() folds one unit to one unit, so `ß` goes through
/// its upper case (`SS`) first. NFKC again afterwards: folding may leave a decomposed form.
QString fold(const QString &piece)
{
    return piece.normalized(QString::NormalizationForm_KC)
        .toUpper()
        .toCaseFolded()
        .normalized(QString::NormalizationForm_KC);
}

/// The code points of a text, each as its one or two UTF-16 units.
QStringList codePoints(QStringView text)
{
    QStringList points;
    for (qsizetype i = 0; i < text.size();) {
        const qsizetype length = text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        points.append(text.sliced(i, length).toString());
        i += length;
    }
    return points;
}

char32_t codePointAt(QStringView text, qsizetype i, qsizetype *length)
{
    const QChar unit = text.at(i);
    if (unit.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
        *length = 2;
        return QChar::surrogateToUcs4(unit, text.at(i + 1));
    }
    *length = 1;
    return unit.unicode();
}

} // namespace

SearchText::SearchText(const QString &text)
{
    normalize(text);
    split();
}

void SearchText::normalize(const QString &text)
{
    m_normalized.reserve(text.size());
    m_originalStart.reserve(text.size());
    m_originalEnd.reserve(text.size());
    for (qsizetype i = 0; i < text.size();) {
        qsizetype length = 0;
        const char32_t c = codePointAt(text, i, &length);
        // A character with the marks that follow it: NFKC composes them, so they are normalised together.
        qsizetype end = i + length;
        while (end < text.size()) {
            qsizetype markLength = 0;
            const char32_t next = codePointAt(text, end, &markLength);
            if (!isMark(next) && !isHalfwidthSoundMark(next))
                break;
            end += markLength;
        }
        // What chat mostly holds needs no Unicode tables: ASCII only lower case; a letter without case (Han, kana,
        // Hangul, Thai...) and without a decomposition stays as it is under NFKC and folding.
        const bool alone = end == i + length;
        const qsizetype before = m_normalized.size();
        if (alone && c < 0x80)
            m_normalized += QChar(c).toLower();
        else if (alone && QChar::category(c) == QChar::Letter_Other
                 && QChar::decompositionTag(c) == QChar::NoDecomposition)
            m_normalized += text.sliced(i, length);
        else
            m_normalized += fold(text.sliced(i, end - i));
        for (qsizetype unit = before; unit < m_normalized.size(); ++unit) {
            m_originalStart.append(i);
            m_originalEnd.append(end);
        }
        i = end;
    }
}

void SearchText::split()
{
    std::optional<TermAt> current;
    const auto flush = [&] {
        if (current)
            m_terms.append(*current);
        current.reset();
    };
    for (qsizetype i = 0; i < m_normalized.size();) {
        qsizetype length = 0;
        CharClass kind = classify(codePointAt(m_normalized, i, &length));
        if (kind == CharClass::Joiner)
            kind = current && current->term.kind == Term::Kind::Run ? CharClass::Run : CharClass::Word;
        if (kind == CharClass::Separator) {
            flush();
        } else {
            const Term::Kind termKind = kind == CharClass::Run ? Term::Kind::Run : Term::Kind::Word;
            if (current && current->term.kind != termKind)
                flush();
            if (!current)
                current = TermAt{Term{termKind, {}}, i};
            current->term.text += QStringView(m_normalized).sliced(i, length);
        }
        i += length;
    }
    flush();
}

QList<SearchText::Term> SearchText::terms() const
{
    QList<Term> terms;
    terms.reserve(m_terms.size());
    for (const TermAt &at : m_terms)
        terms.append(at.term);
    return terms;
}

QString SearchText::indexToken(const QString &word)
{
    if (word.size() <= MaxTokenLength)
        return word;
    QString token = word.left(MaxTokenLength);
    if (token.back().isHighSurrogate())
        token.chop(1);
    return token;
}

QStringList SearchText::runBigrams(const QString &run)
{
    const QStringList points = codePoints(run);
    QStringList bigrams;
    for (qsizetype i = 0; i + 1 < points.size(); ++i)
        bigrams.append(points.at(i) + points.at(i + 1));
    return bigrams;
}

bool SearchText::isWholeToken(const Term &term)
{
    const qsizetype length = QStringView(term.text).toUcs4().size();
    return term.kind == Term::Kind::Word ? length < MinPrefixLength : length == 1;
}

bool SearchText::matches(const QStringList &tokens, const QList<Term> &terms)
{
    const auto matchesTerm = [&tokens](const Term &term) {
        if (isWholeToken(term))
            return tokens.contains(term.text);
        const QStringList bigrams = runBigrams(term.text);
        if (term.kind == Term::Kind::Word) {
            const QString prefix = indexToken(term.text);
            return std::any_of(tokens.begin(), tokens.end(),
                               [&](const QString &token) { return token.startsWith(prefix); });
        }
        for (qsizetype i = 0; i + bigrams.size() <= tokens.size(); ++i) {
            if (std::equal(bigrams.begin(), bigrams.end(), tokens.begin() + i))
                return true;
        }
        return false;
    };
    return !terms.isEmpty() && std::all_of(terms.begin(), terms.end(), matchesTerm);
}

QStringList SearchText::indexTokens() const
{
    QStringList tokens;
    for (const TermAt &at : m_terms) {
        if (at.term.kind == Term::Kind::Word) {
            tokens.append(indexToken(at.term.text));
            continue;
        }
        // Every bigram (a phrase of them is a substring), then each character once (a one-character query).
        tokens += runBigrams(at.term.text);
        QStringList characters = codePoints(at.term.text);
        characters.removeDuplicates();
        tokens += characters;
    }
    return tokens;
}

SearchText::Span SearchText::original(qsizetype start, qsizetype end) const
{
    const qsizetype from = m_originalStart.at(start);
    return Span{from, m_originalEnd.at(end - 1) - from};
}

QList<SearchText::Span> SearchText::highlights(const QList<Term> &query) const
{
    QList<Span> spans;
    for (const TermAt &at : m_terms) {
        for (const Term &term : query) {
            if (term.kind != at.term.kind || term.text.isEmpty())
                continue;
            if (term.kind == Term::Kind::Word) {
                if (isWholeToken(term) ? at.term.text == term.text : at.term.text.startsWith(term.text))
                    spans.append(original(at.start, at.start + term.text.size()));
                continue;
            }
            for (qsizetype found = at.term.text.indexOf(term.text); found >= 0;
                 found = at.term.text.indexOf(term.text, found + 1))
                spans.append(original(at.start + found, at.start + found + term.text.size()));
        }
    }
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) { return a.start < b.start; });
    QList<Span> merged;
    for (const Span &span : std::as_const(spans)) {
        if (!merged.isEmpty() && span.start <= merged.back().start + merged.back().length) {
            Span &last = merged.back();
            last.length = std::max(last.start + last.length, span.start + span.length) - last.start;
        } else {
            merged.append(span);
        }
    }
    return merged;
}

} // namespace Kaiwa::Server
