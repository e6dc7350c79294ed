// SPDX-License-Identifier: MIT
#include "ratelimiter.h"

#include <algorithm>

namespace Kaiwa::Server {

RateLimiter::RateLimiter(double ratePerSecond, double burst, qint64 nowMs)
    : m_rate(ratePerSecond)
    , m_burst(std::max(burst, 1.0))
    , m_tokens(m_burst)
    , m_lastMs(nowMs)
{
}

bool RateLimiter::tryAcquire(qint64 nowMs)
{
    if (m_rate <= 0)
        return true;
    m_tokens = std::min(m_burst, m_tokens + double(nowMs - m_lastMs) * m_rate / 1000.0);
    m_lastMs = nowMs;
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        m_rejections = 0;
        return true;
    }
    ++m_rejections;
    return false;
}

} // namespace Kaiwa::Server
