// SPDX-License-Identifier: MIT
#include "client/linkfinder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kaiwa::Client;

class TestLinkFinder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void find_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("links");
        QTest::newRow("none") << u"no links <b>here</b>"_s << QStringList{};
        QTest::newRow("plain") << u"see https://example.org/a?b=1 now"_s << QStringList{u"https://example.org/a?b=1"_s};
        QTest::newRow("trailing dot") << u"at http://example.org."_s << QStringList{u"http://example.org"_s};
        QTest::newRow("brackets") << u"(https://en.wikipedia.org/wiki/Foo_(bar))"_s
                                  << QStringList{u"https://en.wikipedia.org/wiki/Foo_(bar)"_s};
        QTest::newRow("www") << u"www.example.org"_s << QStringList{u"http://www.example.org"_s};
        QTest::newRow("japanese around") << u"リンク：https://example.jp/ページ です"_s
                                         << QStringList{u"https://example.jp/ページ"_s};
        QTest::newRow("no javascript") << u"javascript:alert(1)"_s << QStringList{};
        QTest::newRow("mail") << u"write to hana.y+chat@example.co.jp."_s
                              << QStringList{u"mailto:hana.y+chat@example.co.jp"_s};
        QTest::newRow("mailto written") << u"(mailto:bob@example.org)"_s << QStringList{u"mailto:bob@example.org"_s};
        QTest::newRow("mail in japanese") << u"連絡はhana@example.jpまで"_s << QStringList{u"mailto:hana@example.jp"_s};
        QTest::newRow("no ascii mail") << u"連絡は花子@例え.jpまで"_s << QStringList{};
        QTest::newRow("mail without domain dot") << u"me@localhost"_s << QStringList{};
        QTest::newRow("user in web address")
            << u"https://bob@example.org/x"_s << QStringList{u"https://bob@example.org/x"_s};
        QTest::newRow("web then mail") << u"https://example.org and ann@example.org"_s
                                       << QStringList{u"https://example.org"_s, u"mailto:ann@example.org"_s};
    }

    void find()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, links);
        QStringList found;
        for (const TextLink &link : LinkFinder::find(text)) {
            found.append(link.url.toString());
            QVERIFY(link.start >= 0 && link.start + link.length <= text.size());
        }
        QCOMPARE(found, links);
    }
};

QTEST_GUILESS_MAIN(TestLinkFinder)
#include "tst_linkfinder.moc"
