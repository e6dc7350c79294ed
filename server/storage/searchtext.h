// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Kaiwa::Server {

/**
 * A text as full-text search sees it (docs/protocol.md, "Search"): normalised (NFKC and case folded, so
 * `ＡＢＣ` is `abc` and `Straße` is `strasse`), then cut into terms. A word of a script written with spaces is a
 * term that matches words starting with it (a word shorter than MinPrefixLength matches whole words only); a run of a
 * script written without them (Han, Hiragana, Katakana, Hangul, Thai, Lao, Khmer, Myanmar) is a term that matches
 * wherever it occurs inside a run.
 *
 * The index keeps tokens (indexTokens()): each word, and each run as its overlapping bigrams followed by its
 * characters, so that any substring of a run is the phrase of its bigrams and a single character is a token itself.
 * No query needs a prefix shorter than MinPrefixLength: SQLite's FTS5 keeps a prefix index of that length only. Both
 * stores keep these tokens; the query side builds its match expression from terms(). highlights() maps matches back to
 * the text as given, in UTF-16 code units.
 */
class SearchText
{
public:
    /// Longer words are cut to this many UTF-16 units in the index (PostgreSQL's lexemes are bounded).
    static constexpr qsizetype MaxTokenLength = 64;
    /// A shorter query word (in code points) matches whole words only; longer ones match word starts.
    static constexpr qsizetype MinPrefixLength = 3;

    struct Term {
        enum class Kind {
            Word, ///< A word of a spaced script: matches words that start with it (isWholeWord(): that equal it).
            Run,  ///< A run of a script without spaces: matches as a substring of a run.
        };
        Kind kind = Kind::Word;
        QString text; ///< Normalised.
        friend bool operator==(const Term &, const Term &) = default;
    };

    /// A part of the text as given: start and length in UTF-16 code units.
    struct Span {
        // Constructors, not only an aggregate: clang 14 (the sanitizer build) lacks C++20's Span(start, length).
        Span() = default;
        Span(qsizetype from, qsizetype units)
            : start(from)
            , length(units)
        {
        }
        qsizetype start = 0;
        qsizetype length = 0;
        friend bool operator==(const Span &, const Span &) = default;
    };

    explicit SearchText(const QString &text);

    /// The whole text normalised.
    const QString &normalized() const { return m_normalized; }
    /// Its terms, in text order.
    QList<Term> terms() const;
    /// What the index keeps of it, in text order (positions matter: a run's bigrams are a phrase).
    QStringList indexTokens() const;
    /// Where the terms of a query occur in this text, sorted and merged so that none overlap.
    QList<Span> highlights(const QList<Term> &query) const;

    /// The bigrams whose phrase matches a run term (empty for a run of one character: a token of its own then).
    static QStringList runBigrams(const QString &run);
    /// A term as the index keeps it: a word cut to MaxTokenLength, without a dangling surrogate.
    static QString indexToken(const QString &word);
    /// Whether a term matches one index token exactly: a word shorter than MinPrefixLength, a run of one character.
    static bool isWholeToken(const Term &term);
    /**
     * Whether index tokens (indexTokens() of a text) match every term, as the stores' indexes do: a term that
     * isWholeToken() equals a token, another word is a prefix of a token, a longer run the phrase of its bigrams.
     * False without terms.
     */
    static bool matches(const QStringList &tokens, const QList<Term> &terms);

private:
    struct TermAt {
        Term term;
        qsizetype start = 0; ///< In m_normalized.
    };

    void normalize(const QString &text);
    void split();
    Span original(qsizetype start, qsizetype end) const;

    QString m_normalized;
    QList<qsizetype> m_originalStart; ///< Per unit of m_normalized: where its piece of the text starts.
    QList<qsizetype> m_originalEnd;   ///< ... and ends.
    QList<TermAt> m_terms;
};

} // namespace Kaiwa::Server
