// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>

#include <utility>

namespace Kaiwa::Server {

/**
 * At most one log line per interval for an event a client can cause at will (a refused connection, a
 * refused upgrade): a flood must not turn into a flood of log lines. The first event of an interval is
 * logged; the others are counted, and the count goes into the next line (or a summary, see
 * takeSuppressed()), so the log still says how many there were.
 */
class LogThrottle
{
public:
    explicit LogThrottle(qint64 intervalMs = 10000)
        : m_intervalMs(intervalMs)
    {
    }

    /**
     * True when a line may be written now; `suppressed` then holds how many events went unlogged since
     * the last line. False counts the event as suppressed.
     */
    bool admit(qint64 nowMs, quint64 *suppressed)
    {
        if (m_hasLogged && nowMs - m_lastLineMs < m_intervalMs) {
            ++m_suppressed;
            return false;
        }
        m_hasLogged = true;
        m_lastLineMs = nowMs;
        *suppressed = std::exchange(m_suppressed, 0);
        return true;
    }

    /**
     * The events left unlogged, once the interval since the last line has passed (0 before, or when
     * none): for a summary line when no further event comes to carry the count. `force` ignores the
     * interval (shutdown).
     */
    quint64 takeSuppressed(qint64 nowMs, bool force = false)
    {
        if (!m_suppressed || (!force && nowMs - m_lastLineMs < m_intervalMs))
            return 0;
        m_lastLineMs = nowMs;
        return std::exchange(m_suppressed, 0);
    }

    /// What a line adds about the events left out before it: empty, or "(and N more since the last report)".
    static QString note(quint64 suppressed)
    {
        return suppressed ? QStringLiteral("(and %1 more since the last report)").arg(suppressed) : QString();
    }

private:
    qint64 m_intervalMs;
    qint64 m_lastLineMs = 0;
    quint64 m_suppressed = 0;
    bool m_hasLogged = false;
};

} // namespace Kaiwa::Server
