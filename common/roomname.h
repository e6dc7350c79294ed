// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace Kaiwa {

/**
 * Room names as Django Channels' tutorial routes them: Python's Unicode `\w+`
 * (letters and numbers of any script, and the underscore), at most maxLength characters.
 *
 * Python's `\w` is `str.isalnum() or "_"`: Unicode categories L* and N*. Combining marks
 * (M*) are not word characters in Python, so they are not here either.
 */
class RoomName
{
public:
    enum class Validity {
        Valid,
        Empty,
        TooLong,
        InvalidCharacter,
    };

    /// Longest room name, in Unicode code points.
    static constexpr qsizetype maxLength = 100;

    /// Checks a decoded room name.
    static Validity validate(QStringView name);
    static bool isValid(QStringView name) { return validate(name) == Validity::Valid; }

    /// True when the code point is a Python `\w` character.
    static bool isWordCharacter(char32_t codePoint);

    /**
     * Decodes one percent-encoded URL path segment as UTF-8 and validates it as a room name.
     * Returns nothing for invalid percent escapes, invalid UTF-8 or an invalid name.
     */
    static std::optional<QString> fromPathSegment(QByteArrayView encoded);

    /// Percent-encodes a room name for use as a URL path segment.
    static QByteArray toPathSegment(const QString &name);
};

} // namespace Kaiwa
