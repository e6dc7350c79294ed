// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Kaiwa {

/// Secrets kept out of logs, error messages and printed configuration (database and Redis URLs).
class Redaction
{
public:
    /// What stands in for a secret.
    static constexpr QStringView mask = u"***";

    /**
     * `text` with the password of a URL's user info replaced by the mask:
     * `postgresql://kaiwa:***@db/kaiwa`. Works on text that is not a valid URL too (an error
     * message quotes what the user typed); anything without `scheme://user:password@` is unchanged.
     */
    static QString url(const QString &text);
};

} // namespace Kaiwa
