// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>

namespace Kaiwa::Server {

/**
 * Password hashes for accounts: PBKDF2-HMAC-SHA256 with a random 128-bit salt and a high iteration
 * count, stored as `pbkdf2-sha256$ITERATIONS$SALT$HASH` (standard base64), the layout Django uses.
 * The iteration count is part of each hash, so it can be raised later without breaking old ones.
 *
 * Hashing is deliberately slow (about 0.2 s with OpenSSL's libcrypto): callers on the event loop's
 * thread run it in a worker thread (LoginHandler). Thread-safe: no state.
 */
class PasswordHasher
{
public:
    /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    static constexpr int defaultIterations = 600000;

    static QString hash(QByteArrayView password, int iterations = defaultIterations);
    /// Constant-time comparison; false for a malformed stored hash.
    static bool verify(QByteArrayView password, const QString &stored);
    /// A valid hash of no real password, verified for unknown names so they take as long as known ones.
    static const QString &decoyHash();
};

} // namespace Kaiwa::Server
