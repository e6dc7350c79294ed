// SPDX-License-Identifier: MIT
#include "common/displayname.h"
#include "common/protocol.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Kaiwa::DisplayName;

class TestDisplayName : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sanitize_data();
    void sanitize();
    void truncation_data();
    void truncation();
    void neverSplitsSurrogatePair();
};

void TestDisplayName::sanitize_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << u"alice"_s << u"alice"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("only spaces") << u"   "_s << QString();
    QTest::newRow("trimmed") << u"  alice  "_s << u"alice"_s;
    QTest::newRow("inner run folded") << u"alice   in  wonderland"_s << u"alice in wonderland"_s;
    QTest::newRow("unicode spaces folded") << u"a\u00A0\u3000\u2003b"_s << u"a b"_s;
    QTest::newRow("newline removed") << u"ali\nce"_s << u"alice"_s;
    QTest::newRow("carriage return removed") << u"alice\r\n"_s << u"alice"_s;
    QTest::newRow("tab removed") << u"\talice"_s << u"alice"_s;
    QTest::newRow("escape removed") << u"\x1b[31malice"_s << u"[31malice"_s;
    QTest::newRow("NUL removed") << u"al\0ice"_s << u"alice"_s;
    QTest::newRow("DEL removed") << u"alice\x7f"_s << u"alice"_s;
    QTest::newRow("C1 control removed") << u"ali\u0085ce"_s << u"alice"_s;
    QTest::newRow("bidi override removed") << u"\u202Eecila"_s << u"ecila"_s;
    QTest::newRow("bidi isolate removed") << u"a\u2066b\u2069"_s << u"ab"_s;
    QTest::newRow("zero-width joiner removed") << u"a\u200Db"_s << u"ab"_s;
    QTest::newRow("byte order mark removed") << u"\uFEFFalice"_s << u"alice"_s;
    QTest::newRow("non-BMP format (tag) removed") << u"alice\U000E0041"_s << u"alice"_s;
    QTest::newRow("only controls") << u"\n\t\x1b\u202E"_s << QString();
    QTest::newRow("control between spaces") << u"a \n b"_s << u"a b"_s;
    QTest::newRow("format char does not break a space run") << u"a \u200B b"_s << u"a b"_s;
    QTest::newRow("japanese") << u" 太郎 "_s << u"太郎"_s;
    QTest::newRow("emoji kept") << u"alice \U0001F389"_s << u"alice \U0001F389"_s;
    QTest::newRow("combining mark kept") << u"e\u0301"_s << u"e\u0301"_s;
}

void TestDisplayName::sanitize()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(DisplayName::sanitize(input), expected);
    // Sanitising is idempotent: what the server relays passes through unchanged a second time.
    QCOMPARE(DisplayName::sanitize(expected), expected);
}

void TestDisplayName::truncation_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    const qsizetype max = Kaiwa::Protocol::maxDisplayNameLength;
    QCOMPARE(max, 64);
    QTest::newRow("exactly 64") << QString(max, u'a') << QString(max, u'a');
    QTest::newRow("65 cut to 64") << QString(max + 1, u'a') << QString(max, u'a');
    QTest::newRow("long cut to 64") << QString(1000, u'a') << QString(max, u'a');
    QTest::newRow("removed characters do not count")
        << (QString(max, u'\n') + QString(max, u'a')) << QString(max, u'a');
    QTest::newRow("leading spaces do not count") << (QString(10, u' ') + QString(max, u'a')) << QString(max, u'a');
    QTest::newRow("space at the limit is dropped") << (QString(max, u'a') + u" b"_s) << QString(max, u'a');
    QTest::newRow("space just before the limit") << (QString(max - 1, u'a') + u" b"_s) << QString(max - 1, u'a');
    QTest::newRow("space two before the limit")
        << (QString(max - 2, u'a') + u" bc"_s) << (QString(max - 2, u'a') + u" b"_s);
    QTest::newRow("folded run at the limit") << (QString(max - 1, u'a') + u"     b"_s) << QString(max - 1, u'a');
}

void TestDisplayName::truncation()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QString result = DisplayName::sanitize(input);
    QCOMPARE(result, expected);
    QVERIFY(result.size() <= Kaiwa::Protocol::maxDisplayNameLength);
    QVERIFY(!result.endsWith(u' '));
}

void TestDisplayName::neverSplitsSurrogatePair()
{
    const QString emoji = u"\U0001F389"_s; // two UTF-16 units
    // 63 units then a pair: the pair would straddle the limit, so it is dropped whole.
    const QString straddling = DisplayName::sanitize(QString(63, u'a') + emoji + u"zz"_s);
    QCOMPARE(straddling, QString(63, u'a'));

    // 62 units then a pair: it fits exactly.
    const QString fitting = DisplayName::sanitize(QString(62, u'a') + emoji + u"zz"_s);
    QCOMPARE(fitting, QString(62, u'a') + emoji);

    // Only pairs: the result stays whole pairs.
    QString many;
    for (int i = 0; i < 40; ++i)
        many += emoji;
    const QString pairs = DisplayName::sanitize(many);
    QCOMPARE(pairs.size(), 64);
    QVERIFY(!pairs.back().isHighSurrogate());
    QCOMPARE(pairs, many.first(64));

    // Odd offset: 1 + 31 pairs = 63 units, the 32nd pair does not fit.
    const QString odd = DisplayName::sanitize(u"x"_s + many);
    QCOMPARE(odd.size(), 63);
    QVERIFY(!odd.back().isHighSurrogate());
    QVERIFY(odd.back().isLowSurrogate());
}

QTEST_GUILESS_MAIN(TestDisplayName)
#include "tst_displayname.moc"
