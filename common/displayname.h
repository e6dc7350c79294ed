// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Kaiwa {

/**
 * Display names as the server relays them: trimmed, control and format characters removed,
 * inner runs of white space folded to one space, at most Protocol::maxDisplayNameLength characters.
 * Two connections may carry the same display name; the server tells them apart by connection.
 */
class DisplayName
{
public:
    /// Returns the sanitised name; empty when nothing printable is left.
    static QString sanitize(QStringView name);
};

} // namespace Kaiwa
