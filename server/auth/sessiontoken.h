// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Kaiwa::Server {

/**
 * Session tokens: 256 random bits from the system's CSPRNG, base64url without padding (43
 * characters, safe in a cookie, a header and a query). The database keeps only their SHA-256, so
 * a leaked database holds no usable session.
 */
class SessionToken
{
public:
    static QByteArray generate();
    /// Hex SHA-256 of the token, the key of the sessions table.
    static QByteArray hash(QByteArrayView token);
    /// The shape generate() produces; anything else is not looked up at all.
    static bool isWellFormed(QByteArrayView token);
};

} // namespace Kaiwa::Server
