// SPDX-License-Identifier: MIT
#pragma once

#include "consumers/ratelimiter.h"

#include <QHash>
#include <QHostAddress>

namespace Kaiwa::Server {

/**
 * A token bucket (RateLimiter) per client address, for requests that cost the server more than a page does
 * (GET /api/search). A bucket left alone long enough to be full again is forgotten, so the table holds only
 * the clients of the last few seconds.
 */
class ClientRateLimits
{
public:
    /// `ratePerSecond` 0 disables the limit.
    ClientRateLimits(double ratePerSecond, double burst);

    void setRate(double ratePerSecond);
    /// Takes a token of the client's bucket; false when it is empty.
    bool tryAcquire(const QHostAddress &client, qint64 nowMs);
    /// Whole seconds until a rejected client has a token again (Retry-After).
    int retryAfterSeconds() const;
    /// Clients with a bucket now; for tests.
    qsizetype size() const { return m_buckets.size(); }

private:
    struct Bucket {
        RateLimiter limiter;
        qint64 lastMs = 0;
    };
    /// Forgets the buckets that are full again, at most once per refill time.
    void forgetIdle(qint64 nowMs);
    qint64 refillMs() const;

    double m_rate;
    double m_burst;
    QHash<QHostAddress, Bucket> m_buckets;
    qint64 m_lastSweepMs = 0;
};

} // namespace Kaiwa::Server
