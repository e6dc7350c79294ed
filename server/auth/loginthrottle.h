// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>

namespace Kaiwa::Server {

/**
 * Limits password guessing per client address: an address may fail `burst` sign-ins in a row,
 * then one more per `refillMs`. A success forgets the address. IPv6 clients are grouped by their
 * /64, which one host usually owns whole.
 *
 * Memory is bounded: at most `maxTracked` addresses are remembered; when full, addresses that
 * earned back their whole allowance are forgotten first, then the oldest entries.
 */
class LoginThrottle
{
public:
    LoginThrottle(int burst = 5, qint64 refillMs = 60000, int maxTracked = 10000);

    void setLimits(int burst, qint64 refillMs);
    /// 0 when the address may try now, else how long it must wait.
    qint64 retryAfterMs(const QHostAddress &address, qint64 nowMs) const;
    void recordFailure(const QHostAddress &address, qint64 nowMs);
    void recordSuccess(const QHostAddress &address);

private:
    struct Entry {
        double failures = 0; ///< Failures not yet earned back.
        qint64 updatedMs = 0;
    };
    static QByteArray key(const QHostAddress &address);
    double currentFailures(const Entry &entry, qint64 nowMs) const;
    void prune(qint64 nowMs);

    int m_burst;
    qint64 m_refillMs;
    int m_maxTracked;
    QHash<QByteArray, Entry> m_entries;
};

} // namespace Kaiwa::Server
