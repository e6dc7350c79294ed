// SPDX-License-Identifier: MIT
// What a search result shows of its message: the highlights the server sent, checked against the text, and a
// snippet around the first match that keeps them in place.
#include "client/searchresultsmodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using Kaiwa::Client::SearchResultsModel;
using Highlight = SearchResultsModel::Highlight;

class TestSearchResultsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    /// Ranges outside the text or empty are dropped; the rest come sorted, overlapping ones merged.
    void highlightsAreCheckedAgainstTheText()
    {
        const QString text = u"今日は雑談しよう"_s;
        const auto json = QJsonDocument::fromJson(R"([[3, 2], [0, 1], [7, 5], [-1, 2], [1, 0], [3, 1]])").array();
        QCOMPARE(SearchResultsModel::parseHighlights(json, text), (QList<Highlight>{{0, 1}, {3, 2}}));
        QCOMPARE(SearchResultsModel::parseHighlights(QJsonValue(), text), QList<Highlight>{});
    }

    /// A short text is shown whole, its line breaks as spaces.
    void shortTextWhole()
    {
        const auto snippet = SearchResultsModel::snippet(u"deploy\nthe build"_s, {{0, 6}}, 40);
        QCOMPARE(snippet.text, u"deploy the build"_s);
        QCOMPARE(snippet.highlights, (QList<Highlight>{{0, 6}}));
    }

    /// A long text is cut around its first match, with "…" where it is cut, and the highlights follow.
    void longTextAroundTheMatch()
    {
        const QString text = QString(100, u'a') + u" needle "_s + QString(100, u'b');
        const auto snippet = SearchResultsModel::snippet(text, {{101, 6}}, 60);
        QCOMPARE(snippet.text.size(), 60);
        QVERIFY(snippet.text.startsWith(u'…'));
        QVERIFY(snippet.text.endsWith(u'…'));
        QCOMPARE(snippet.highlights.size(), 1);
        const Highlight shown = snippet.highlights.first();
        QCOMPARE(snippet.text.mid(shown.start, shown.length), u"needle"_s);
    }

    /// A match near the end of a long text: the snippet ends with the text, the match inside it.
    void matchAtTheEnd()
    {
        const QString text = QString(200, u'x') + u"end"_s;
        const auto snippet = SearchResultsModel::snippet(text, {{200, 3}}, 50);
        QVERIFY(snippet.text.size() <= 50);
        QVERIFY(snippet.text.endsWith(u"end"_s));
        QCOMPARE(snippet.text.mid(snippet.highlights.first().start, 3), u"end"_s);
    }

    /// A cut never splits a surrogate pair (an emoji stays whole or goes).
    void surrogatesStayWhole()
    {
        QString text;
        for (int i = 0; i < 60; ++i)
            text += u"😀"_s;
        text += u"hit"_s;
        const auto snippet = SearchResultsModel::snippet(text, {{120, 3}}, 41);
        for (qsizetype i = 0; i < snippet.text.size(); ++i) {
            if (snippet.text.at(i).isHighSurrogate())
                QVERIFY(i + 1 < snippet.text.size() && snippet.text.at(i + 1).isLowSurrogate());
            if (snippet.text.at(i).isLowSurrogate())
                QVERIFY(i > 0 && snippet.text.at(i - 1).isHighSurrogate());
        }
        QCOMPARE(snippet.text.mid(snippet.highlights.first().start, 3), u"hit"_s);
    }
};

QTEST_GUILESS_MAIN(TestSearchResultsModel)
#include "tst_searchresultsmodel.moc"
