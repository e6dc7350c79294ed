// SPDX-License-Identifier: MIT
#include "displayname.h"

#include "protocol.h"

namespace Kaiwa {

QString DisplayName::sanitize(QStringView name)
{
    const qsizetype maxLength = Protocol::maxDisplayNameLength;
    QString result;
    result.reserve(qMin(name.size(), maxLength));
    bool pendingSpace = false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        // Walk code points, not UTF-16 units: format characters outside the BMP (tags) must be seen as such.
        const qsizetype start = i;
        char32_t codePoint = name[i].unicode();
        if (name[i].isHighSurrogate() && i + 1 < name.size() && name[i + 1].isLowSurrogate()) {
            codePoint = QChar::surrogateToUcs4(name[i], name[i + 1]);
            ++i;
        }
        const auto category = QChar::category(codePoint);
        // Control characters and invisible format characters (bidi overrides, zero-width
        // joiners) let a name impersonate another or garble the log around it; a lone
        // surrogate is not a character at all.
        if (category == QChar::Other_Control || category == QChar::Other_Format || category == QChar::Other_Surrogate)
            continue;
        if (QChar::isSpace(codePoint)) {
            pendingSpace = !result.isEmpty();
            continue;
        }
        // Stop before a character that does not fit whole, together with the space before it:
        // never more than the limit, never half of a surrogate pair, never a trailing space.
        const QStringView character = name.sliced(start, i + 1 - start);
        if (result.size() + (pendingSpace ? 1 : 0) + character.size() > maxLength)
            break;
        if (pendingSpace)
            result.append(u' ');
        pendingSpace = false;
        result.append(character);
    }
    return result;
}

} // namespace Kaiwa
