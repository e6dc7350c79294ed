// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <functional>

namespace Kaiwa::Client {

/**
 * How the chat log says when: a day divider reads "Today", "Yesterday" or the locale's full date; a
 * message shows its local time (hours and minutes); its tooltip the full date and time.
 *
 * The locale, the time zone and "now" are given rather than read from the system, so that a view can
 * follow its widget's locale and tests can fix all three.
 */
class LogTimeFormat
{
    Q_DECLARE_TR_FUNCTIONS(Kaiwa::Client::LogTimeFormat)

public:
    using Clock = std::function<QDateTime()>;

    /// The default locale, the system's time zone and the current time.
    LogTimeFormat();
    LogTimeFormat(QLocale locale, QTimeZone zone, Clock clock);

    const QLocale &locale() const { return m_locale; }
    void setLocale(const QLocale &locale) { m_locale = locale; }
    const QTimeZone &timeZone() const { return m_zone; }
    QDateTime now() const { return m_clock(); }

    /// The day `time` falls on in the time zone.
    QDate localDate(const QDateTime &time) const;
    QDate today() const { return localDate(now()); }
    /// "Today", "Yesterday", or the full date in the locale ("Tuesday, November 24, 2026", "2026年11月24日火曜日").
    QString dayLabel(const QDate &day) const;
    /// Hours and minutes in the locale ("9:04 PM", "21:04").
    QString shortTime(const QDateTime &time) const;
    /// The full date and time with seconds and the zone, for tooltips.
    QString fullDateTime(const QDateTime &time) const;
    /// How long until the local date changes: "Today" and "Yesterday" must be said again then.
    std::chrono::milliseconds untilNextDay() const;

private:
    QLocale m_locale;
    QTimeZone m_zone;
    Clock m_clock;
};

} // namespace Kaiwa::Client
