// SPDX-License-Identifier: MIT
#include "displayname.h"

#include "protocol.h"

namespace Kaiwa {

QString DisplayName::sanitize(QStringView name)
{
    QString result;
    result.reserve(qMin(name.size(), Protocol::maxDisplayNameLength));
    bool pendingSpace = false;
    for (const QChar c : name) {
        const auto category = c.category();
        // Control characters and invisible format characters (bidi overrides, zero-width
        // joiners) let a name impersonate another or garble the log around it.
        if (category == QChar::Other_Control || category == QChar::Other_Format)
            continue;
        if (c.isSpace()) {
            pendingSpace = !result.isEmpty();
            continue;
        }
        if (pendingSpace)
            result.append(u' ');
        pendingSpace = false;
        result.append(c);
        if (result.size() >= Protocol::maxDisplayNameLength)
            break;
    }
    // Never end on half of a surrogate pair after truncation.
    if (!result.isEmpty() && result.back().isHighSurrogate())
        result.chop(1);
    return result;
}

} // namespace Kaiwa
