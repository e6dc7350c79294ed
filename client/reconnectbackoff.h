// SPDX-License-Identifier: MIT
#pragma once

#include <QRandomGenerator>

#include <chrono>

namespace Kaiwa::Client {

/**
 * Delays between reconnection attempts: exponential backoff with jitter.
 *
 * The n-th delay (counting from 0) is min(maximum, initial * 2^n), scaled by a random factor in
 * [1 - jitter, 1 + jitter] and clamped to [initial / 2, maximum]. The jitter keeps many clients that
 * lost the same server from coming back in lockstep. reset() after a successful connection.
 */
class ReconnectBackoff
{
public:
    using Duration = std::chrono::milliseconds;

    struct Parameters {
        Duration initial{500};
        Duration maximum{20000};
        double jitter = 0.2; ///< Relative spread, 0 to 1.
    };

    ReconnectBackoff();
    /// @param random is not owned and must outlive this object; the global generator when null.
    explicit ReconnectBackoff(Parameters parameters, QRandomGenerator *random = nullptr);

    /// The delay before the next attempt; each call counts as one more failed attempt.
    Duration next();
    /// Back to the initial delay (after a connection succeeded).
    void reset() { m_attempt = 0; }
    /// Failed attempts since the last reset().
    int attempts() const { return m_attempt; }
    const Parameters &parameters() const { return m_parameters; }

private:
    Parameters m_parameters;
    QRandomGenerator *m_random = nullptr;
    int m_attempt = 0;
};

} // namespace Kaiwa::Client
