// SPDX-License-Identifier: MIT
#include "server/pages/languagenegotiator.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Kaiwa::Server::LanguageNegotiator;

class TestLanguageNegotiator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void negotiate_data();
    void negotiate();
    void tooManyRanges();
};

void TestLanguageNegotiator::negotiate_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("expected");

    QTest::newRow("missing") << QByteArray() << u"en"_s;
    QTest::newRow("ja") << "ja"_ba << u"ja"_s;
    QTest::newRow("ja-JP") << "ja-JP"_ba << u"ja"_s;
    QTest::newRow("case") << "JA-jp"_ba << u"ja"_s;
    QTest::newRow("en-US") << "en-US,en;q=0.9"_ba << u"en"_s;
    QTest::newRow("unsupported") << "fr-FR,fr;q=0.9,de;q=0.8"_ba << u"en"_s;
    QTest::newRow("unsupported then ja") << "fr-FR,fr;q=0.9,ja;q=0.5"_ba << u"ja"_s;
    QTest::newRow("browser ja") << "ja,en-US;q=0.9,en;q=0.8"_ba << u"ja"_s;
    QTest::newRow("q order beats header order") << "en;q=0.5, ja;q=0.8"_ba << u"ja"_s;
    QTest::newRow("q with three decimals") << "ja;q=0.001,en;q=0.002"_ba << u"en"_s;
    QTest::newRow("tie keeps header order") << "ja;q=0.7,en;q=0.7"_ba << u"ja"_s;
    QTest::newRow("q=0 refuses") << "ja;q=0"_ba << u"en"_s;
    QTest::newRow("star") << "*"_ba << u"en"_s;
    QTest::newRow("star after refusing en") << "en;q=0, *"_ba << u"ja"_s;
    QTest::newRow("specific q=0 does not refuse the language") << "ja-JP;q=0, ja"_ba << u"ja"_s;
    QTest::newRow("spaces") << "  ja-JP ; q = 0.9 ,  en ; q=0.3 "_ba << u"ja"_s;
    QTest::newRow("Q uppercase") << "en;Q=0.1,ja"_ba << u"ja"_s;
    QTest::newRow("bad q skipped") << "ja;q=2, en;q=0.5"_ba << u"en"_s;
    QTest::newRow("bad q text skipped") << "ja;q=abc"_ba << u"en"_s;
    QTest::newRow("bad q four decimals") << "ja;q=0.1234"_ba << u"en"_s;
    QTest::newRow("bad tag skipped") << "j@,ja;q=0.1"_ba << u"ja"_s;
    QTest::newRow("empty elements") << ",,, ,ja"_ba << u"ja"_s;
    QTest::newRow("garbage") << "\xff\xfe;;=="_ba << u"en"_s;
    QTest::newRow("prefix is not a match") << "jav"_ba << u"en"_s;
}

void TestLanguageNegotiator::negotiate()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, expected);
    const LanguageNegotiator negotiator({u"en"_s, u"ja"_s});
    QCOMPARE(negotiator.negotiate(header), expected);
}

void TestLanguageNegotiator::tooManyRanges()
{
    const LanguageNegotiator negotiator({u"en"_s, u"ja"_s});
    QByteArray header;
    for (int i = 0; i < LanguageNegotiator::maxRanges; ++i)
        header += "fr;q=0.9,";
    header += "ja";
    QCOMPARE(negotiator.negotiate(header), u"en"_s); // beyond the limit: not looked at
    QCOMPARE(negotiator.negotiate(QByteArray(100000, ',') + "ja"), u"en"_s);
}

QTEST_GUILESS_MAIN(TestLanguageNegotiator)
#include "tst_languagenegotiator.moc"
