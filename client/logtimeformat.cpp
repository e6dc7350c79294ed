// SPDX-License-Identifier: MIT
#include "logtimeformat.h"

namespace Kaiwa::Client {

LogTimeFormat::LogTimeFormat()
    : LogTimeFormat(QLocale(), QTimeZone::systemTimeZone(), [] { return QDateTime::currentDateTimeUtc(); })
{
}

LogTimeFormat::LogTimeFormat(QLocale locale, QTimeZone zone, Clock clock)
    : m_locale(std::move(locale))
    , m_zone(std::move(zone))
    , m_clock(std::move(clock))
{
}

QDate LogTimeFormat::localDate(const QDateTime &time) const
{
    return time.toTimeZone(m_zone).date();
}

QString LogTimeFormat::dayLabel(const QDate &day) const
{
    const QDate current = today();
    if (day == current)
        return tr("Today");
    if (day == current.addDays(-1))
        return tr("Yesterday");
    return m_locale.toString(day, QLocale::LongFormat);
}

QString LogTimeFormat::shortTime(const QDateTime &time) const
{
    return m_locale.toString(time.toTimeZone(m_zone).time(), QLocale::ShortFormat);
}

QString LogTimeFormat::fullDateTime(const QDateTime &time) const
{
    return m_locale.toString(time.toTimeZone(m_zone), QLocale::LongFormat);
}

std::chrono::milliseconds LogTimeFormat::untilNextDay() const
{
    const QDateTime current = now().toTimeZone(m_zone);
    const QDateTime midnight(current.date().addDays(1), QTime(0, 0), m_zone);
    return std::chrono::milliseconds(std::max<qint64>(current.msecsTo(midnight), 1000));
}

} // namespace Kaiwa::Client
