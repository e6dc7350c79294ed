// SPDX-License-Identifier: MIT
#include "isotime.h"

namespace Kaiwa {

QString IsoTime::format(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime IsoTime::parse(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

} // namespace Kaiwa
