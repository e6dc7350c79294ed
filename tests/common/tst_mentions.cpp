// SPDX-License-Identifier: MIT
#include "common/mentions.h"

#include <QTest>

using namespace Kaiwa;
using namespace Qt::StringLiterals;

class TestMentions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void extract_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("names");

        QTest::newRow("none") << u"hello"_s << QStringList();
        QTest::newRow("at the start") << u"@bob hi"_s << QStringList{u"bob"_s};
        QTest::newRow("after a space") << u"hi @bob"_s << QStringList{u"bob"_s};
        QTest::newRow("after punctuation") << u"(@bob) and \"@cho\""_s << QStringList{u"bob"_s, u"cho"_s};
        QTest::newRow("end of sentence") << u"thanks @bob."_s << QStringList{u"bob"_s};
        QTest::newRow("trailing dashes") << u"@bob-- ok"_s << QStringList{u"bob"_s};
        QTest::newRow("dots inside") << u"@bob.smith says"_s << QStringList{u"bob.smith"_s};
        QTest::newRow("e-mail is not a mention") << u"mail bob@example.com"_s << QStringList();
        QTest::newRow("inside a word") << u"x@bob"_s << QStringList();
        QTest::newRow("double at") << u"@@bob"_s << QStringList();
        QTest::newRow("lone at") << u"meet @ noon"_s << QStringList();
        QTest::newRow("at then dot") << u"@. x"_s << QStringList();
        QTest::newRow("japanese name") << u"@雑談係 よろしく"_s << QStringList{u"雑談係"_s};
        QTest::newRow("japanese punctuation ends it") << u"@太郎、お願い"_s << QStringList{u"太郎"_s};
        QTest::newRow("after japanese text") << u"こんにちは@太郎"_s << QStringList();
        QTest::newRow("after ideographic space") << u"こんにちは　@太郎"_s << QStringList{u"太郎"_s};
        QTest::newRow("cyrillic") << u"@Раздел_2!"_s << QStringList{u"Раздел_2"_s};
        QTest::newRow("repeats once") << u"@bob @Bob @BOB"_s << QStringList{u"bob"_s};
        QTest::newRow("fullwidth folds") << u"@ｂｏｂ @bob"_s << QStringList{u"ｂｏｂ"_s};
        QTest::newRow("order kept") << u"@cho @alice @bob"_s << QStringList{u"cho"_s, u"alice"_s, u"bob"_s};
        QTest::newRow("longest name") << u"@"_s + QString(70, u'a') << QStringList{QString(64, u'a')};
        QTest::newRow("emoji ends it") << u"@bob👍"_s << QStringList{u"bob"_s};
        QTest::newRow("combining marks") << u"@José"_s.normalized(QString::NormalizationForm_D)
                                         << QStringList{u"José"_s.normalized(QString::NormalizationForm_D)};
        QTest::newRow("new line") << u"hi\n@bob"_s << QStringList{u"bob"_s};
    }
    void extract()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, names);
        QCOMPARE(Mentions::extract(text), names);
    }

    void addresses()
    {
        const QStringList mentions = Mentions::extract(u"ping @ＡＬＩＣＥ and @雑談係"_s);
        QVERIFY(Mentions::addresses(mentions, {u"alice"_s}));
        QVERIFY(Mentions::addresses(mentions, {u"Bob"_s, u"雑談係"_s}));
        QVERIFY(!Mentions::addresses(mentions, {u"bob"_s}));
        QVERIFY(!Mentions::addresses(mentions, {QString()}));
        QVERIFY(!Mentions::addresses({}, {u"alice"_s}));
        // A name with a space is addressed only by its first word, which is another name.
        QVERIFY(!Mentions::addresses(Mentions::extract(u"@Mary Ann"_s), {u"Mary Ann"_s}));
    }
};

QTEST_GUILESS_MAIN(TestMentions)
#include "tst_mentions.moc"
