// SPDX-License-Identifier: MIT
#include "server/transport/utf8validator.h"

#include <QStringDecoder>
#include <QTest>

using namespace Qt::StringLiterals;
using Kaiwa::Server::isValidUtf8;

class TestUtf8Validator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_data();
    void validate();
    void allCodePoints();
    void matchesQtDecoderOnTwoBytes();
};

void TestUtf8Validator::validate_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");

    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("ASCII") << "hello, world"_ba << true;
    QTest::newRow("NUL") << QByteArray(1, '\0') << true;
    QTest::newRow("2-byte") << "caf\xC3\xA9"_ba << true;
    QTest::newRow("U+0080") << "\xC2\x80"_ba << true;
    QTest::newRow("U+07FF") << "\xDF\xBF"_ba << true;
    QTest::newRow("3-byte") << "\xE9\x9B\x91\xE8\xAB\x87"_ba << true;
    QTest::newRow("U+0800") << "\xE0\xA0\x80"_ba << true;
    QTest::newRow("U+D7FF") << "\xED\x9F\xBF"_ba << true;
    QTest::newRow("U+E000") << "\xEE\x80\x80"_ba << true;
    QTest::newRow("U+FFFF") << "\xEF\xBF\xBF"_ba << true;
    QTest::newRow("4-byte emoji") << "\xF0\x9F\x8E\x89"_ba << true;
    QTest::newRow("U+10000") << "\xF0\x90\x80\x80"_ba << true;
    QTest::newRow("U+10FFFF") << "\xF4\x8F\xBF\xBF"_ba << true;
    QTest::newRow("mixed") << u"a é 雑 🎉 z"_s.toUtf8() << true;

    QTest::newRow("surrogate D800") << "\xED\xA0\x80"_ba << false;
    QTest::newRow("surrogate DFFF") << "\xED\xBF\xBF"_ba << false;
    QTest::newRow("surrogate pair as CESU-8") << "\xED\xA0\xBD\xED\xB8\x80"_ba << false;
    QTest::newRow("overlong NUL") << "\xC0\x80"_ba << false;
    QTest::newRow("overlong slash") << "\xC0\xAF"_ba << false;
    QTest::newRow("overlong C1") << "\xC1\xBF"_ba << false;
    QTest::newRow("overlong 3-byte") << "\xE0\x80\x80"_ba << false;
    QTest::newRow("overlong 3-byte max") << "\xE0\x9F\xBF"_ba << false;
    QTest::newRow("overlong 4-byte") << "\xF0\x80\x80\x80"_ba << false;
    QTest::newRow("overlong 4-byte max") << "\xF0\x8F\xBF\xBF"_ba << false;
    QTest::newRow("above U+10FFFF") << "\xF4\x90\x80\x80"_ba << false;
    QTest::newRow("F5 lead") << "\xF5\x80\x80\x80"_ba << false;
    QTest::newRow("5-byte form") << "\xF8\x88\x80\x80\x80"_ba << false;
    QTest::newRow("FE") << "\xFE"_ba << false;
    QTest::newRow("FF") << "\xFF"_ba << false;
    QTest::newRow("lone continuation") << "a\x80"_ba << false;
    QTest::newRow("truncated 2-byte") << "\xC3"_ba << false;
    QTest::newRow("truncated 3-byte") << "\xE9\x9B"_ba << false;
    QTest::newRow("truncated 4-byte") << "\xF0\x9F\x8E"_ba << false;
    QTest::newRow("truncated then ASCII") << "\xE9\x9B"
                                             "a"_ba
                                          << false;
    QTest::newRow("truncated 4-byte then ASCII") << "\xF0\x9F\x8E"
                                                    "a"_ba
                                                 << false;
    QTest::newRow("lead then lead") << "\xC3\xC3\xA9"_ba << false;
    QTest::newRow("bad third byte") << "\xE9\x9B\x41"_ba << false;
    QTest::newRow("bad fourth byte") << "\xF0\x9F\x8E\xC0"_ba << false;
    QTest::newRow("valid then invalid") << "hello \xC3\xA9 \xFF"_ba << false;
}

void TestUtf8Validator::validate()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(isValidUtf8(bytes), valid);
}

void TestUtf8Validator::allCodePoints()
{
    // Every scalar value encodes to valid UTF-8; every surrogate does not.
    for (char32_t codePoint = 0; codePoint <= 0x10FFFF; codePoint += (codePoint < 0x800 ? 1 : 61)) {
        const bool surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
        if (surrogate)
            continue;
        const QByteArray utf8 = QString::fromUcs4(&codePoint, 1).toUtf8();
        if (!isValidUtf8(utf8))
            QFAIL(qPrintable(u"U+%1 refused"_s.arg(uint(codePoint), 4, 16, QChar(u'0'))));
    }
    for (uint surrogate = 0xD800; surrogate <= 0xDFFF; ++surrogate) {
        const char bytes[3] = {char(0xE0 | (surrogate >> 12)), char(0x80 | ((surrogate >> 6) & 0x3F)),
                               char(0x80 | (surrogate & 0x3F))};
        QVERIFY(!isValidUtf8(QByteArrayView(bytes, 3)));
    }
}

void TestUtf8Validator::matchesQtDecoderOnTwoBytes()
{
    // Every two-byte sequence: the validator agrees with Qt's strict decoder.
    for (int first = 0; first < 256; ++first) {
        for (int second = 0; second < 256; ++second) {
            const char bytes[2] = {char(first), char(second)};
            QStringDecoder decoder(QStringConverter::Utf8,
                                   QStringConverter::Flag::Stateless | QStringConverter::Flag::ConvertInitialBom);
            const QString decoded = decoder.decode(QByteArrayView(bytes, 2)); // decoding happens on conversion
            if (isValidUtf8(QByteArrayView(bytes, 2)) == decoder.hasError() || decoded.isEmpty())
                QFAIL(qPrintable(u"disagreement on %1 %2"_s.arg(first, 2, 16).arg(second, 2, 16)));
        }
    }
}

QTEST_GUILESS_MAIN(TestUtf8Validator)
#include "tst_utf8validator.moc"
