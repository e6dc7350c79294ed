// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace Kaiwa {

/**
 * Room names as Django Channels' tutorial routes them: Python's Unicode `\w+`
 * (letters and numbers of any script, and the underscore), at most maxLength characters.
 *
 * Python's `\w` is `str.isalnum() or "_"`: Unicode categories L* and N*. Combining marks
 * (M*) are not word characters in Python, so they are not here either.
 *
 * A direct-message room between two accounts has a name of its own kind, `dm.` and 32 lowercase hex digits
 * (directName()): `.` is no word character, so no page or socket of public rooms opens it; the API and search name
 * it (Kinds::PublicOrDirect), its pages and sockets are `/dm/<account>/` and `/ws/dm/<account>/`.
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

    /// What a name may be: a public room's (a `\w+` name) only, or also a direct-message room's.
    enum class Kinds {
        Public,
        PublicOrDirect,
    };

    /// Longest room name, in Unicode code points.
    static constexpr qsizetype maxLength = 100;

    /// Checks a decoded room name.
    static Validity validate(QStringView name);
    static bool isValid(QStringView name) { return validate(name) == Validity::Valid; }
    /// Whether the name is a valid room name of one of the kinds.
    static bool isValid(QStringView name, Kinds kinds)
    {
        return isValid(name) || (kinds == Kinds::PublicOrDirect && isDirect(name));
    }

    /// Whether the name is a direct-message room's: `dm.` and 32 lowercase hex digits.
    static bool isDirect(QStringView name);
    /**
     * The direct-message room of two accounts: `dm.` and the first 32 hex digits of the SHA-256 of `<a>\n<b>`, the
     * two names in code point order (an account name holds no line break), so both accounts get the same room.
     */
    static QString directName(const QString &firstAccount, const QString &secondAccount);

    /// True when the code point is a Python `\w` character.
    static bool isWordCharacter(char32_t codePoint);

    /**
     * Decodes one percent-encoded URL path segment as UTF-8 and validates it as a room name.
     * Returns nothing for invalid percent escapes, invalid UTF-8 or an invalid name.
     */
    static std::optional<QString> fromPathSegment(QByteArrayView encoded, Kinds kinds = Kinds::Public);

    /// Percent-encodes a room name for use as a URL path segment.
    static QByteArray toPathSegment(const QString &name);
};

} // namespace Kaiwa
