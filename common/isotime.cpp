// SPDX-License-Identifier: MIT
#include "isotime.h"

#include <chrono>

namespace Kaiwa {

namespace {

char *appendDigits(char *out, int value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

} // namespace

QString IsoTime::format(const QDateTime &time)
{
    // Every broadcast stamps its message: the civil date from the epoch milliseconds costs a
    // fraction of QDateTime::toString(), which goes through time-zone machinery.
    using namespace std::chrono;
    if (!time.isValid())
        return {};
    const sys_time<milliseconds> point{milliseconds(time.toMSecsSinceEpoch())};
    const sys_days day = floor<days>(point);
    const year_month_day date{day};
    const int year = int(date.year());
    if (year < 0 || year > 9999)
        return time.toUTC().toString(Qt::ISODateWithMs);
    const hh_mm_ss clock{point - day};

    char text[24];
    char *out = appendDigits(text, year, 4);
    *out++ = '-';
    out = appendDigits(out, int(unsigned(date.month())), 2);
    *out++ = '-';
    out = appendDigits(out, int(unsigned(date.day())), 2);
    *out++ = 'T';
    out = appendDigits(out, int(clock.hours().count()), 2);
    *out++ = ':';
    out = appendDigits(out, int(clock.minutes().count()), 2);
    *out++ = ':';
    out = appendDigits(out, int(clock.seconds().count()), 2);
    *out++ = '.';
    out = appendDigits(out, int(clock.subseconds().count()), 3);
    *out++ = 'Z';
    return QString::fromLatin1(text, out - text);
}

QDateTime IsoTime::parse(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

} // namespace Kaiwa
