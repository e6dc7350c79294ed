// SPDX-License-Identifier: MIT
#include "common/reactionemoji.h"
#include "common/replyquote.h"

#include <QTest>

using namespace Kaiwa;
using namespace Qt::StringLiterals;

class TestReactionEmoji : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isValid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");

        QTest::newRow("thumbs up") << u"👍"_s << true;
        QTest::newRow("party") << u"🎉"_s << true;
        QTest::newRow("skin tone") << u"👍🏽"_s << true;
        QTest::newRow("family (ZWJ sequence)") << u"👨‍👩‍👧"_s << true;
        QTest::newRow("flag") << u"🇯🇵"_s << true;
        QTest::newRow("keycap") << u"1️⃣"_s << true;
        QTest::newRow("heart with variation selector") << u"❤️"_s << true;
        QTest::newRow("heart without") << u"❤"_s << true;
        QTest::newRow("star") << u"⭐"_s << true;
        QTest::newRow("check mark") << u"✅"_s << true;

        QTest::newRow("empty") << QString() << false;
        QTest::newRow("letter") << u"a"_s << false;
        QTest::newRow("word") << u"yes"_s << false;
        QTest::newRow("digit") << u"1"_s << false;
        QTest::newRow("kanji") << u"雑"_s << false;
        QTest::newRow("two emoji") << u"👍👍"_s << false;
        QTest::newRow("emoji and text") << u"👍ok"_s << false;
        QTest::newRow("emoji and space") << u"👍 "_s << false;
        QTest::newRow("space") << u" "_s << false;
        QTest::newRow("control character") << u"\u0007"_s << false;
        QTest::newRow("new line after") << u"👍\n"_s << false;
        QTest::newRow("lone surrogate") << QString(QChar(0xd83d)) << false;
        QTest::newRow("html") << u"<b>"_s << false;
        // One cluster but far over 32 bytes: an emoji with 20 combining marks.
        QTest::newRow("too long") << u"👍"_s + QString(20, QChar(0x0301)) << false;
    }
    void isValid()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QCOMPARE(ReactionEmoji::isValid(text), valid);
    }

    void replyExcerpt()
    {
        QCOMPARE(ReplyQuote::excerptOf(u"short"_s), u"short"_s);
        QCOMPARE(ReplyQuote::excerptOf(QString(100, u'x')), QString(100, u'x'));
        QCOMPARE(ReplyQuote::excerptOf(QString(101, u'x')), QString(100, u'x') + u'…');
        // Counted in characters, and never half of a surrogate pair.
        const QString emoji = u"😀"_s.repeated(150);
        QCOMPARE(ReplyQuote::excerptOf(emoji), u"😀"_s.repeated(100) + u'…');
        QCOMPARE(ReplyQuote::excerptOf(u"x"_s + u"😀"_s.repeated(100)), u"x"_s + u"😀"_s.repeated(99) + u'…');
    }
};

QTEST_GUILESS_MAIN(TestReactionEmoji)
#include "tst_reactionemoji.moc"
