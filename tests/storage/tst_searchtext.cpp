// SPDX-License-Identifier: MIT
// The normaliser and tokeniser of full-text search (server/storage/searchtext.h): what is one term, what the index
// keeps, and which parts of a message a query highlights, in UTF-16 units of the message as written.
#include "server/storage/searchtext.h"

#include <QTest>

using namespace Kaiwa::Server;
using namespace Qt::StringLiterals;

using Kind = SearchText::Term::Kind;
using Span = SearchText::Span;

namespace {

/// Whether a query finds a text the way the stores do (SearchText::matches() is what SQLite runs on index rows not
/// yet moved to FTS5; FTS5 and PostgreSQL run the same rules, tst_messagestore checks them).
bool matches(const QString &query, const QString &text)
{
    return SearchText::matches(SearchText(text).indexTokens(), SearchText(query).terms());
}

} // namespace

class TestSearchText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalisesWidthAndCase()
    {
        QCOMPARE(SearchText(u"ＡＢＣ"_s).normalized(), u"abc"_s);
        QCOMPARE(SearchText(u"Straße"_s).normalized(), u"strasse"_s);
        QCOMPARE(SearchText(u"STRASSE"_s).normalized(), u"strasse"_s);
        // Half-width katakana become full-width, composed with their sound mark.
        QCOMPARE(SearchText(u"ｶﾞ"_s).normalized(), u"ガ"_s);
        // A decomposed accent composes: e + U+0301 is é.
        QCOMPARE(SearchText(u"cafe\u0301"_s).normalized(), u"café"_s);
    }

    void splitsWordsAndRuns()
    {
        const QList<SearchText::Term> terms = SearchText(u"Deploy 今日は雑談しよう, OK? サーバー"_s).terms();
        const QList<SearchText::Term> expected{{Kind::Word, u"deploy"_s},
                                               {Kind::Run, u"今日は雑談しよう"_s},
                                               {Kind::Word, u"ok"_s},
                                               {Kind::Run, u"サーバー"_s}};
        QCOMPARE(terms, expected);
        // A script change ends a term even without a space.
        const QList<SearchText::Term> mixed{{Kind::Run, u"今日は"_s}, {Kind::Word, u"test"_s}, {Kind::Run, u"です"_s}};
        QCOMPARE(SearchText(u"今日はtestです"_s).terms(), mixed);
        QVERIFY(SearchText(u" ?!… 「」"_s).terms().isEmpty());
    }

    void indexesBigramsAndEachCharacter()
    {
        QCOMPARE(SearchText(u"雑談しよう"_s).indexTokens(), (QStringList{u"雑談"_s, u"談し"_s, u"しよ"_s, u"よう"_s,
                                                                         u"雑"_s, u"談"_s, u"し"_s, u"よ"_s, u"う"_s}));
        QCOMPARE(SearchText(u"ままま"_s).indexTokens(), (QStringList{u"まま"_s, u"まま"_s, u"ま"_s}));
        QCOMPARE(SearchText(u"雑"_s).indexTokens(), QStringList{u"雑"_s});
        QCOMPARE(SearchText(u"Hello, world"_s).indexTokens(), (QStringList{u"hello"_s, u"world"_s}));
        // Characters outside the BMP stay whole.
        QCOMPARE(SearchText(u"𠮷野家"_s).indexTokens(), (QStringList{u"𠮷野"_s, u"野家"_s, u"𠮷"_s, u"野"_s, u"家"_s}));
        const QString longWord(100, u'a');
        QCOMPARE(SearchText(longWord).indexTokens().constFirst().size(), SearchText::MaxTokenLength);
    }

    void findsShortJapaneseWords_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("found");
        QTest::newRow("two characters") << u"雑談"_s << u"今日は雑談しよう"_s << true;
        QTest::newRow("one character") << u"雑"_s << u"今日は雑談しよう"_s << true;
        QTest::newRow("last character") << u"う"_s << u"今日は雑談しよう"_s << true;
        QTest::newRow("whole run") << u"今日は雑談しよう"_s << u"今日は雑談しよう"_s << true;
        QTest::newRow("not in order") << u"談雑"_s << u"今日は雑談しよう"_s << false;
        QTest::newRow("absent character") << u"猫"_s << u"今日は雑談しよう"_s << false;
        QTest::newRow("across runs") << u"はし"_s << u"今日は しよう"_s << false;
        QTest::newRow("width") << u"ＡＢＣ"_s << u"abc def"_s << true;
        QTest::newRow("case") << u"abc"_s << u"ＡＢＣ"_s << true;
        QTest::newRow("sharp s") << u"STRASSE"_s << u"Die Straße"_s << true;
        QTest::newRow("word prefix") << u"dep"_s << u"we deploy today"_s << true;
        QTest::newRow("short word not a prefix") << u"bu"_s << u"we build it"_s << false;
        QTest::newRow("short word whole") << u"bu"_s << u"bu"_s << true;
        QTest::newRow("one letter whole") << u"a"_s << u"a build"_s << true;
        QTest::newRow("one letter not a prefix") << u"a"_s << u"all good"_s << false;
        QTest::newRow("not inside a word") << u"ploy"_s << u"we deploy today"_s << false;
        QTest::newRow("every term") << u"deploy 雑談"_s << u"we deploy today"_s << false;
        QTest::newRow("both terms") << u"today 雑談"_s << u"雑談 today"_s << true;
        QTest::newRow("hangul") << u"안녕"_s << u"안녕하세요"_s << true;
        QTest::newRow("thai") << u"สวัส"_s << u"สวัสดีครับ"_s << true;
    }
    void findsShortJapaneseWords()
    {
        QFETCH(QString, query);
        QFETCH(QString, text);
        QFETCH(bool, found);
        QCOMPARE(matches(query, text), found);
    }

    void highlightsInUtf16UnitsOfTheOriginal()
    {
        const QList<SearchText::Term> query = SearchText(u"雑談"_s).terms();
        QCOMPARE(SearchText(u"今日は雑談しよう"_s).highlights(query), QList<Span>{Span(3, 2)});
        // The full-width original is highlighted where it is, whatever normalisation made of it.
        QCOMPARE(SearchText(u"x ＡＢＣＤ"_s).highlights(SearchText(u"abc"_s).terms()), QList<Span>{Span(2, 3)});
        // ß became two letters: a match of part of them covers the ß.
        QCOMPARE(SearchText(u"Straße"_s).highlights(SearchText(u"strass"_s).terms()), QList<Span>{Span(0, 5)});
        // A surrogate pair counts two units; the match after it starts after them.
        QCOMPARE(SearchText(u"😀 deploy"_s).highlights(SearchText(u"dep"_s).terms()), QList<Span>{Span(3, 3)});
        // Overlapping matches merge; several occurrences each count.
        QCOMPARE(SearchText(u"ababa abab"_s).highlights(SearchText(u"abab aba"_s).terms()),
                 (QList<Span>{Span(0, 4), Span(6, 4)}));
        // A word shorter than three characters highlights whole words only.
        QCOMPARE(SearchText(u"bu build bu"_s).highlights(SearchText(u"bu"_s).terms()),
                 (QList<Span>{Span(0, 2), Span(9, 2)}));
        QCOMPARE(SearchText(u"雑談と雑談"_s).highlights(SearchText(u"雑"_s).terms()),
                 (QList<Span>{Span(0, 1), Span(3, 1)}));
    }
};

QTEST_APPLESS_MAIN(TestSearchText)
#include "tst_searchtext.moc"
