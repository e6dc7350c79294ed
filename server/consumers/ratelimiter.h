// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace Kaiwa::Server {

/**
 * A token bucket: `ratePerSecond` tokens a second, at most `burst` saved up. Counts the
 * rejections since the last accepted event, so a caller can tell a burst from a flood.
 * A rate of 0 disables the limit (benchmarks).
 */
class RateLimiter
{
public:
    RateLimiter(double ratePerSecond, double burst, qint64 nowMs);

    /// Takes one token; false when the bucket is empty.
    bool tryAcquire(qint64 nowMs);
    /// Rejections in a row since the last acquired token.
    int consecutiveRejections() const { return m_rejections; }

private:
    double m_rate;
    double m_burst;
    double m_tokens;
    qint64 m_lastMs;
    int m_rejections = 0;
};

} // namespace Kaiwa::Server
