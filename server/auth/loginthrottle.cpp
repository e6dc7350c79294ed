// SPDX-License-Identifier: MIT
#include "loginthrottle.h"

#include <cmath>

namespace Kaiwa::Server {

LoginThrottle::LoginThrottle(int burst, qint64 refillMs, int maxTracked)
    : m_burst(std::max(1, burst))
    , m_refillMs(std::max<qint64>(1, refillMs))
    , m_maxTracked(std::max(1, maxTracked))
{
}

void LoginThrottle::setLimits(int burst, qint64 refillMs)
{
    m_burst = std::max(1, burst);
    m_refillMs = std::max<qint64>(1, refillMs);
}

QByteArray LoginThrottle::key(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // also unwraps ::ffff:a.b.c.d
    if (isV4)
        return QByteArray::number(v4);
    const Q_IPV6ADDR v6 = address.toIPv6Address();
    return QByteArray(reinterpret_cast<const char *>(v6.c), 8); // the /64
}

double LoginThrottle::currentFailures(const Entry &entry, qint64 nowMs) const
{
    const double earnedBack = double(nowMs - entry.updatedMs) / double(m_refillMs);
    return std::max(0.0, entry.failures - earnedBack);
}

qint64 LoginThrottle::retryAfterMs(const QHostAddress &address, qint64 nowMs) const
{
    const auto it = m_entries.constFind(key(address));
    if (it == m_entries.cend())
        return 0;
    const double failures = currentFailures(*it, nowMs);
    if (failures <= m_burst - 1)
        return 0;
    return qint64(std::ceil((failures - (m_burst - 1)) * double(m_refillMs)));
}

void LoginThrottle::recordFailure(const QHostAddress &address, qint64 nowMs)
{
    const QByteArray k = key(address);
    auto it = m_entries.find(k);
    if (it == m_entries.end()) {
        if (m_entries.size() >= m_maxTracked)
            prune(nowMs);
        it = m_entries.insert(k, Entry{});
    }
    it->failures = currentFailures(*it, nowMs) + 1;
    it->updatedMs = nowMs;
}

void LoginThrottle::recordSuccess(const QHostAddress &address)
{
    m_entries.remove(key(address));
}

void LoginThrottle::prune(qint64 nowMs)
{
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (currentFailures(*it, nowMs) <= 0)
            it = m_entries.erase(it);
        else
            ++it;
    }
    while (m_entries.size() >= m_maxTracked) {
        auto oldest = m_entries.begin();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
            if (it->updatedMs < oldest->updatedMs)
                oldest = it;
        }
        m_entries.erase(oldest);
    }
}

} // namespace Kaiwa::Server
