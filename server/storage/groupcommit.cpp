// SPDX-License-Identifier: MIT
#include "groupcommit.h"

#include "storagelogging.h"

#include <QElapsedTimer>

namespace Kaiwa::Server {

GroupCommit::GroupCommit(MessageStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

void GroupCommit::append(const ChatMessage &message, const QString &author, Done done)
{
    m_batch.append({message, author});
    m_done.append(std::move(done));
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    // A posted call runs once the loop has dispatched everything that is ready now: the end of this turn.
    QMetaObject::invokeMethod(this, &GroupCommit::flushAtEndOfTurn, Qt::QueuedConnection);
}

void GroupCommit::flushAtEndOfTurn()
{
    // Cleared only here: after a direct flush() the posted call is still on its way and serves later appends too.
    m_flushScheduled = false;
    flush();
}

void GroupCommit::flush()
{
    while (!m_batch.isEmpty()) {
        const qsizetype count = std::min<qsizetype>(m_batch.size(), MaxBatch);
        const QList<MessageStore::PendingAppend> batch = m_batch.first(count);
        const QList<Done> done = m_done.first(count);
        m_batch.remove(0, count);
        m_done.remove(0, count);

        QElapsedTimer timer;
        timer.start();
        const auto results = m_store->appendAll(batch);
        Q_EMIT committed(int(count), timer.nsecsElapsed(), results.has_value());
        if (!results)
            qCWarning(lcStorage).noquote() << "could not store" << count << "messages:" << m_store->errorString();
        // A callback may post again (into the next batch) or even flush: it finds this batch gone already.
        for (qsizetype i = 0; i < count; ++i)
            done[i](results ? std::optional(results->at(i)) : std::nullopt);
    }
}

} // namespace Kaiwa::Server
