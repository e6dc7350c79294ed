// SPDX-License-Identifier: MIT
#include "redaction.h"

namespace Kaiwa {

QString Redaction::url(const QString &text)
{
    const qsizetype schemeEnd = text.indexOf(u"://");
    if (schemeEnd < 0)
        return text;
    // The last '@' ends the user info even when the password holds an unescaped '@' or '/'; the
    // password starts after the first ':' of the user info.
    const qsizetype authorityStart = schemeEnd + 3;
    const qsizetype at = text.lastIndexOf(u'@');
    if (at < authorityStart)
        return text;
    const qsizetype colon = text.indexOf(u':', authorityStart);
    if (colon < 0 || colon > at)
        return text;
    QString result = text;
    result.replace(colon + 1, at - colon - 1, mask.toString());
    return result;
}

} // namespace Kaiwa
