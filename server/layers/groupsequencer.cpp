// SPDX-License-Identifier: MIT
#include "groupsequencer.h"

#include "grouphistory.h"
#include "layerslogging.h"

namespace Kaiwa::Server {

GroupSequencer::GroupSequencer(QString group, GroupHistory *history, Deliver deliver, QObject *parent)
    : QObject(parent)
    , m_group(std::move(group))
    , m_history(history)
    , m_deliver(std::move(deliver))
    , m_last(history->lastId(m_group))
{
    m_gapTimer.setSingleShot(true);
    m_gapTimer.setInterval(GapTimeoutMs);
    connect(&m_gapTimer, &QTimer::timeout, this, &GroupSequencer::catchUp);
}

void GroupSequencer::offer(const Envelope &envelope)
{
    const qint64 id = envelope.messageId();
    if (id == 0) {
        m_deliver(envelope);
        return;
    }
    if (id <= m_last)
        return;
    if (id == m_last + 1) {
        m_last = id;
        m_deliver(envelope);
        drain();
        return;
    }
    m_pending.emplace(id, envelope);
    if (qsizetype(m_pending.size()) > MaxPending)
        catchUp();
    else if (!m_gapTimer.isActive())
        m_gapTimer.start();
}

void GroupSequencer::drain()
{
    while (!m_pending.empty()) {
        const auto first = m_pending.begin();
        if (first->first <= m_last) {
            m_pending.erase(first);
            continue;
        }
        if (first->first != m_last + 1)
            break;
        const Envelope envelope = first->second;
        m_pending.erase(first);
        m_last = envelope.messageId();
        m_deliver(envelope);
    }
    if (m_pending.empty())
        m_gapTimer.stop();
}

void GroupSequencer::catchUp()
{
    m_gapTimer.stop();
    const QList<Envelope> page = m_history->after(m_group, m_last, PageSize);
    if (!page.isEmpty() && page.first().messageId() > m_last + 1) {
        qCInfo(lcLayer) << "group" << m_group << "skips ids" << m_last + 1 << "to" << page.first().messageId() - 1
                        << "which the store does not hold any more";
        m_last = page.first().messageId() - 1;
    }
    for (const Envelope &envelope : page)
        offer(envelope);
    if (page.size() >= PageSize) {
        // More to read: continue on the next turn so the event loop keeps breathing.
        QTimer::singleShot(0, this, &GroupSequencer::catchUp);
        return;
    }
    if (m_pending.empty() || m_pending.begin()->first == m_last + 1) {
        m_storeWait.invalidate();
        return;
    }
    // A later id exists, so every earlier one was committed, and the store answers a read with
    // whatever it holds after m_last (retention removes the oldest first: skipped above). Nothing
    // at all means it could not be read (a database restarting): hold the later messages and read
    // again, rather than lose the gap for this daemon's members; but not forever.
    const qint64 missingTo = m_pending.begin()->first - 1;
    if (!m_storeWait.isValid()) {
        m_storeWait.start();
        qCWarning(lcLayer) << "group" << m_group << "waits for ids" << m_last + 1 << "to" << missingTo
                           << "from the store";
    }
    if (m_storeWait.elapsed() < m_storeWaitLimitMs) {
        m_gapTimer.start();
        return;
    }
    m_storeWait.invalidate();
    qCWarning(lcLayer) << "group" << m_group << "skips ids" << m_last + 1 << "to" << missingTo
                       << "which the store did not return";
    m_last = missingTo;
    drain();
}

} // namespace Kaiwa::Server
