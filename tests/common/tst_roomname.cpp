// SPDX-License-Identifier: MIT
#include "common/roomname.h"

#include <QCryptographicHash>
#include <QTest>

using namespace Qt::StringLiterals;
using Kaiwa::RoomName;

Q_DECLARE_METATYPE(RoomName::Validity)

namespace {

/// A string of `count` copies of one code point, which may lie outside the BMP.
QString repeated(char32_t codePoint, int count)
{
    QString result;
    for (int i = 0; i < count; ++i)
        result += QString::fromUcs4(&codePoint, 1);
    return result;
}

} // namespace

class TestRoomName : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_data();
    void validate();
    void isWordCharacter_data();
    void isWordCharacter();
    void fromPathSegment_data();
    void fromPathSegment();
    void fromPathSegmentLengthLimit();
    void toPathSegment_data();
    void toPathSegment();
    void directNames();
};

void TestRoomName::validate_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<RoomName::Validity>("expected");

    using V = RoomName::Validity;
    QTest::newRow("lobby") << u"lobby"_s << V::Valid;
    QTest::newRow("underscore only") << u"_"_s << V::Valid;
    QTest::newRow("digits") << u"2024"_s << V::Valid;
    QTest::newRow("japanese") << u"雑談"_s << V::Valid;
    QTest::newRow("cyrillic with digit") << u"Раздел_2"_s << V::Valid;
    QTest::newRow("arabic-indic digits") << u"\u0661\u0662\u0663"_s << V::Valid;
    QTest::newRow("non-BMP letter") << u"\U0001D49C"_s << V::Valid;
    QTest::newRow("precomposed e acute") << u"caf\u00E9"_s << V::Valid;
    QTest::newRow("roman numeral (Nl)") << u"\u216B"_s << V::Valid;
    QTest::newRow("superscript two (No)") << u"x\u00B2"_s << V::Valid;
    QTest::newRow("modifier letter (Lm)") << u"\u02B0"_s << V::Valid;
    QTest::newRow("titlecase (Lt)") << u"\u01C5"_s << V::Valid;
    QTest::newRow("100 code points") << QString(100, u'a') << V::Valid;
    QTest::newRow("100 non-BMP letters") << repeated(U'\U0001D49C', 100) << V::Valid;

    QTest::newRow("empty") << QString() << V::Empty;
    QTest::newRow("101 code points") << QString(101, u'a') << V::TooLong;
    QTest::newRow("101 non-BMP letters") << repeated(U'\U0001D49C', 101) << V::TooLong;

    QTest::newRow("combining acute") << u"cafe\u0301"_s << V::InvalidCharacter;
    QTest::newRow("spacing mark (Mc)") << u"\u0915\u093F"_s << V::InvalidCharacter;
    QTest::newRow("enclosing mark (Me)") << u"a\u20DD"_s << V::InvalidCharacter;
    QTest::newRow("space") << u"two words"_s << V::InvalidCharacter;
    QTest::newRow("hyphen") << u"a-b"_s << V::InvalidCharacter;
    QTest::newRow("dot") << u"a.b"_s << V::InvalidCharacter;
    QTest::newRow("slash") << u"a/b"_s << V::InvalidCharacter;
    QTest::newRow("percent") << u"a%20"_s << V::InvalidCharacter;
    QTest::newRow("emoji") << u"party\U0001F389"_s << V::InvalidCharacter;
    QTest::newRow("ideographic space") << u"a\u3000b"_s << V::InvalidCharacter;
    QTest::newRow("zero-width joiner") << u"a\u200Db"_s << V::InvalidCharacter;
    QTest::newRow("nul") << u"a\0b"_s << V::InvalidCharacter;
    QTest::newRow("lone high surrogate") << QString(QChar(0xD835)) << V::InvalidCharacter;
    QTest::newRow("lone low surrogate") << (u"a"_s + QChar(0xDC9C)) << V::InvalidCharacter;
    QTest::newRow("high surrogate then letter") << (QString(QChar(0xD835)) + u"a"_s) << V::InvalidCharacter;
    QTest::newRow("too long and invalid") << (QString(150, u'a') + u" "_s) << V::TooLong;
    QTest::newRow("invalid within the limit") << (u" "_s + QString(150, u'a')) << V::InvalidCharacter;
}

void TestRoomName::validate()
{
    QFETCH(QString, name);
    QFETCH(RoomName::Validity, expected);
    QCOMPARE(RoomName::validate(name), expected);
    QCOMPARE(RoomName::isValid(name), expected == RoomName::Validity::Valid);
}

void TestRoomName::isWordCharacter_data()
{
    QTest::addColumn<uint>("codePoint");
    QTest::addColumn<bool>("expected");

    QTest::newRow("a") << uint('a') << true;
    QTest::newRow("Z") << uint('Z') << true;
    QTest::newRow("0") << uint('0') << true;
    QTest::newRow("_") << uint('_') << true;
    QTest::newRow("e acute") << 0xE9u << true;
    QTest::newRow("han") << 0x96D1u << true;
    QTest::newRow("arabic-indic one") << 0x0661u << true;
    QTest::newRow("math script A") << 0x1D49Cu << true;
    QTest::newRow("CJK Ext B") << 0x20000u << true;
    QTest::newRow("space") << uint(' ') << false;
    QTest::newRow("-") << uint('-') << false;
    QTest::newRow("$") << uint('$') << false;
    QTest::newRow("combining acute") << 0x0301u << false;
    QTest::newRow("devanagari vowel sign i") << 0x093Fu << false;
    QTest::newRow("no-break space") << 0xA0u << false;
    QTest::newRow("bidi override") << 0x202Eu << false;
    QTest::newRow("emoji") << 0x1F389u << false;
    QTest::newRow("private use") << 0xE000u << false;
    QTest::newRow("surrogate") << 0xD800u << false;
    QTest::newRow("beyond Unicode") << 0x110000u << false;
}

void TestRoomName::isWordCharacter()
{
    QFETCH(uint, codePoint);
    QFETCH(bool, expected);
    QCOMPARE(RoomName::isWordCharacter(char32_t(codePoint)), expected);
}

void TestRoomName::fromPathSegment_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("expected");

    QTest::newRow("lobby") << "lobby"_ba << true << u"lobby"_s;
    QTest::newRow("japanese") << "%E9%9B%91%E8%AB%87"_ba << true << u"雑談"_s;
    QTest::newRow("lowercase hex") << "%e9%9b%91%e8%ab%87"_ba << true << u"雑談"_s;
    QTest::newRow("cyrillic") << "%D0%A0%D0%B0%D0%B7%D0%B4%D0%B5%D0%BB_2"_ba << true << u"Раздел_2"_s;
    QTest::newRow("encoded ascii letter") << "%61bc"_ba << true << u"abc"_s;
    QTest::newRow("raw UTF-8") << "caf\xC3\xA9"_ba << true << u"caf\u00E9"_s;
    QTest::newRow("non-BMP letter") << "%F0%9D%92%9C"_ba << true << u"\U0001D49C"_s;

    QTest::newRow("empty") << QByteArray() << false << QString();
    QTest::newRow("invalid escape") << "%ZZ"_ba << false << QString();
    QTest::newRow("half-hex escape") << "a%4G"_ba << false << QString();
    QTest::newRow("percent alone") << "abc%"_ba << false << QString();
    QTest::newRow("truncated escape") << "abc%E"_ba << false << QString();
    QTest::newRow("truncated UTF-8") << "%E9"_ba << false << QString();
    QTest::newRow("truncated UTF-8 in the middle") << "%E9%9Babc"_ba << false << QString();
    QTest::newRow("invalid UTF-8 byte") << "%FF"_ba << false << QString();
    QTest::newRow("overlong slash") << "%C0%AF"_ba << false << QString();
    QTest::newRow("encoded surrogate") << "%ED%A0%80"_ba << false << QString();
    QTest::newRow("encoded slash") << "a%2Fb"_ba << false << QString();
    QTest::newRow("encoded space") << "a%20b"_ba << false << QString();
    QTest::newRow("plus is not a space but invalid") << "a+b"_ba << false << QString();
    QTest::newRow("encoded NUL") << "a%00"_ba << false << QString();
    QTest::newRow("combining mark") << "cafe%CC%81"_ba << false << QString();
    QTest::newRow("byte order mark") << "%EF%BB%BFlobby"_ba << false << QString();
    QTest::newRow("101 characters") << QByteArray(101, 'a') << false << QString();
}

void TestRoomName::fromPathSegment()
{
    QFETCH(QByteArray, encoded);
    QFETCH(bool, valid);
    QFETCH(QString, expected);
    const std::optional<QString> name = RoomName::fromPathSegment(encoded);
    QCOMPARE(name.has_value(), valid);
    if (valid)
        QCOMPARE(*name, expected);
}

void TestRoomName::fromPathSegmentLengthLimit()
{
    // The longest valid name: 100 four-byte code points, each byte percent-encoded (1200 characters).
    const QString longest = repeated(U'\U0001D49C', 100);
    const QByteArray encoded = RoomName::toPathSegment(longest);
    QCOMPARE(encoded.size(), 1200);
    QCOMPARE(RoomName::fromPathSegment(encoded), std::optional<QString>(longest));
    QVERIFY(!RoomName::fromPathSegment(encoded + "a"));
    QVERIFY(!RoomName::fromPathSegment(QByteArray(100000, 'a')));
}

void TestRoomName::toPathSegment_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("ascii") << u"lobby_1"_s << "lobby_1"_ba;
    QTest::newRow("japanese") << u"雑談"_s << "%E9%9B%91%E8%AB%87"_ba;
    QTest::newRow("cyrillic") << u"Раздел_2"_s << "%D0%A0%D0%B0%D0%B7%D0%B4%D0%B5%D0%BB_2"_ba;
    QTest::newRow("non-BMP") << u"\U0001D49C"_s << "%F0%9D%92%9C"_ba;
}

void TestRoomName::toPathSegment()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, expected);
    QCOMPARE(RoomName::toPathSegment(name), expected);
    QCOMPARE(RoomName::fromPathSegment(expected), std::optional<QString>(name));
}

void TestRoomName::directNames()
{
    // SHA-256 of "alice\nbob": both accounts get the same room whatever the order.
    const QString room = RoomName::directName(u"alice"_s, u"bob"_s);
    QCOMPARE(room, u"dm."_s
                       + QString::fromLatin1(
                           QCryptographicHash::hash("alice\nbob", QCryptographicHash::Sha256).toHex().left(32)));
    QCOMPARE(RoomName::directName(u"bob"_s, u"alice"_s), room);
    // Code point order, not UTF-16's: U+FF5E sorts before U+1F600, whose UTF-16 starts with a lower surrogate.
    QCOMPARE(
        RoomName::directName(u"\U0001F600"_s, u"\uFF5E"_s),
        u"dm."_s
            + QString::fromLatin1(QCryptographicHash::hash(u"\uFF5E\n\U0001F600"_s.toUtf8(), QCryptographicHash::Sha256)
                                      .toHex()
                                      .left(32)));
    QVERIFY(RoomName::isDirect(room));
    // Not a public room's name: no page or socket of public rooms opens it.
    QVERIFY(!RoomName::isValid(room));
    QVERIFY(RoomName::isValid(room, RoomName::Kinds::PublicOrDirect));
    QVERIFY(!RoomName::isValid(u"dm.x"_s, RoomName::Kinds::PublicOrDirect));
    QVERIFY(!RoomName::isDirect(u"dm.0123456789ABCDEF0123456789abcdef"_s)); // lowercase only
    QVERIFY(!RoomName::isDirect(u"dm.0123456789abcdef0123456789abcde"_s));  // 31 digits
    QVERIFY(!RoomName::isDirect(u"xm.0123456789abcdef0123456789abcdef"_s));
    QCOMPARE(RoomName::fromPathSegment(room.toLatin1()), std::nullopt);
    QCOMPARE(RoomName::fromPathSegment(room.toLatin1(), RoomName::Kinds::PublicOrDirect), room);
}

QTEST_GUILESS_MAIN(TestRoomName)
#include "tst_roomname.moc"
