// SPDX-License-Identifier: MIT
// How the log says when, for fixed times in English and Japanese: day dividers ("Today", "Yesterday",
// then the locale's full date), the time on a message, the full date and time of its tooltip, and when
// the day changes. The clock, the time zone and the locale are given, never the machine's.
#include "client/logtimeformat.h"
#include "client/ui/languageswitcher.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Kaiwa::Client::LogTimeFormat;

namespace {

const QTimeZone s_tokyo("Asia/Tokyo");
/// Tuesday 24 November 2026, 21:10 in Tokyo.
const QDateTime s_now(QDate(2026, 11, 24), QTime(21, 10), s_tokyo);

LogTimeFormat format(const QString &language)
{
    return LogTimeFormat(QLocale(language), s_tokyo, [] { return s_now.toUTC(); });
}

} // namespace

class TestLogTimeFormat : public QObject
{
    Q_OBJECT

private:
    Kaiwa::Ui::LanguageSwitcher m_languages;

private Q_SLOTS:
    void dayLabels_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("daysAgo");
        QTest::addColumn<QString>("label");
        QTest::newRow("en today") << u"en"_s << 0 << u"Today"_s;
        QTest::newRow("en yesterday") << u"en"_s << 1 << u"Yesterday"_s;
        QTest::newRow("en 3 days") << u"en"_s << 3 << u"Saturday, November 21, 2026"_s;
        QTest::newRow("en 40 days") << u"en"_s << 40 << u"Thursday, October 15, 2026"_s;
        QTest::newRow("en 400 days") << u"en"_s << 400 << u"Monday, October 20, 2025"_s;
        QTest::newRow("ja today") << u"ja"_s << 0 << u"今日"_s;
        QTest::newRow("ja yesterday") << u"ja"_s << 1 << u"昨日"_s;
        QTest::newRow("ja 3 days") << u"ja"_s << 3 << u"2026年11月21日土曜日"_s;
        QTest::newRow("ja 400 days") << u"ja"_s << 400 << u"2025年10月20日月曜日"_s;
    }

    void dayLabels()
    {
        QFETCH(QString, language);
        QFETCH(int, daysAgo);
        QFETCH(QString, label);
        m_languages.setLanguage(language);
        QCOMPARE(format(language).dayLabel(s_now.date().addDays(-daysAgo)), label);
    }

    void localDaysFollowTheZone()
    {
        const LogTimeFormat tokyo = format(u"en"_s);
        // 23:30 UTC on the 23rd is already the 24th in Tokyo: "Today" there.
        const QDateTime lateUtc(QDate(2026, 11, 23), QTime(23, 30), Qt::UTC);
        QCOMPARE(tokyo.localDate(lateUtc), QDate(2026, 11, 24));
        const LogTimeFormat utc(QLocale(u"en"_s), QTimeZone::utc(), [] { return s_now.toUTC(); });
        QCOMPARE(utc.localDate(lateUtc), QDate(2026, 11, 23));
    }

    void timesAndTooltips_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("shortTime");
        QTest::addColumn<QString>("full");
        QTest::newRow("en") << u"en"_s << u"9:04 PM"_s << u"Monday, November 23, 2026 9:04:33 PM JST"_s;
        QTest::newRow("ja") << u"ja"_s << u"21:04"_s << u"2026年11月23日月曜日 21時04分33秒 JST"_s;
    }

    void timesAndTooltips()
    {
        QFETCH(QString, language);
        QFETCH(QString, shortTime);
        QFETCH(QString, full);
        const QDateTime time = QDateTime(QDate(2026, 11, 23), QTime(21, 4, 33), s_tokyo).toUTC();
        QCOMPARE(format(language).shortTime(time), shortTime);
        QCOMPARE(format(language).fullDateTime(time), full);
    }

    void nextDay()
    {
        // 21:10 in Tokyo: 2 h 50 min to midnight.
        QCOMPARE(format(u"en"_s).untilNextDay(), std::chrono::milliseconds((2 * 60 + 50) * 60 * 1000));
    }
};

QTEST_GUILESS_MAIN(TestLogTimeFormat)
#include "tst_logtimeformat.moc"
