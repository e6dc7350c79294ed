// SPDX-License-Identifier: MIT
#include "clientratelimits.h"

#include <cmath>

namespace Kaiwa::Server {

ClientRateLimits::ClientRateLimits(double ratePerSecond, double burst)
    : m_rate(ratePerSecond)
    , m_burst(burst)
{
}

void ClientRateLimits::setRate(double ratePerSecond)
{
    if (ratePerSecond == m_rate)
        return;
    m_rate = ratePerSecond;
    m_buckets.clear(); // every client starts again with a full bucket at the new rate
}

qint64 ClientRateLimits::refillMs() const
{
    return qint64(std::ceil(m_burst * 1000.0 / m_rate));
}

int ClientRateLimits::retryAfterSeconds() const
{
    return m_rate > 0 ? std::max(1, int(std::ceil(1.0 / m_rate))) : 0;
}

void ClientRateLimits::forgetIdle(qint64 nowMs)
{
    if (nowMs - m_lastSweepMs < refillMs())
        return;
    m_lastSweepMs = nowMs;
    m_buckets.removeIf([&](const auto &entry) { return nowMs - entry.value().lastMs >= refillMs(); });
}

bool ClientRateLimits::tryAcquire(const QHostAddress &client, qint64 nowMs)
{
    if (m_rate <= 0)
        return true;
    forgetIdle(nowMs);
    auto bucket = m_buckets.find(client);
    if (bucket == m_buckets.end())
        bucket = m_buckets.insert(client, Bucket{RateLimiter(m_rate, m_burst, nowMs), nowMs});
    bucket->lastMs = nowMs;
    return bucket->limiter.tryAcquire(nowMs);
}

} // namespace Kaiwa::Server
