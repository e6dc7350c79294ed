// SPDX-License-Identifier: MIT
#include "groupcommit.h"

#include "storagelogging.h"

#include <QElapsedTimer>

#include <chrono>

namespace Kaiwa::Server {

GroupCommit::GroupCommit(MessageStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

// The worker goes first (it finishes a batch in flight, whose callbacks are dropped: never acknowledged).
GroupCommit::~GroupCommit() = default;

void GroupCommit::setWorker(std::unique_ptr<AppendWorker> worker)
{
    m_worker = std::move(worker);
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
    if (m_worker)
        submitNext(); // what comes while a batch is in flight waits for it, and goes in the next
    else
        flush();
}

QList<MessageStore::PendingAppend> GroupCommit::takeBatch(QList<Done> &done)
{
    qsizetype count = 0;
    qsizetype bytes = 0;
    while (count < m_batch.size() && count < MaxBatch) {
        bytes += m_batch.at(count).message.text.size() * qsizetype(sizeof(QChar));
        if (count > 0 && bytes > MaxBatchBytes)
            break;
        ++count;
    }
    QList<MessageStore::PendingAppend> batch = m_batch.first(count);
    done = m_done.first(count);
    m_batch.remove(0, count);
    m_done.remove(0, count);
    return batch;
}

void GroupCommit::finish(const QList<Done> &done, const std::optional<QList<MessageStore::AppendResult>> &results,
                         const QString &error, qint64 nanoseconds)
{
    Q_EMIT committed(int(done.size()), nanoseconds, results.has_value());
    if (!results)
        qCWarning(lcStorage).noquote() << "could not store" << done.size() << "messages:" << error;
    // A callback may post again (into the next batch) or even flush: it finds this batch gone already.
    for (qsizetype i = 0; i < done.size(); ++i)
        done[i](results ? std::optional(results->at(i)) : std::nullopt);
}

void GroupCommit::flush()
{
    if (m_worker) {
        while (m_outcome.valid() || !m_batch.isEmpty()) {
            if (!m_outcome.valid())
                submitNext();
            collectInFlight(); // blocks until the worker committed it
        }
        return;
    }
    while (!m_batch.isEmpty()) {
        QList<Done> done;
        const QList<MessageStore::PendingAppend> batch = takeBatch(done);
        QElapsedTimer timer;
        timer.start();
        const auto results = m_store->appendAll(batch);
        finish(done, results, results ? QString() : m_store->errorString(), timer.nsecsElapsed());
    }
}

void GroupCommit::submitNext()
{
    if (m_outcome.valid() || m_batch.isEmpty())
        return;
    const QList<MessageStore::PendingAppend> batch = takeBatch(m_inFlight);
    // Posted from the worker thread. The worker is a member: its destructor waits for the batch in flight while the
    // QObject part of this is still alive, and ~QObject drops the posted call.
    m_outcome = m_worker->submit(
        batch, [this] { QMetaObject::invokeMethod(this, &GroupCommit::collect, Qt::QueuedConnection); });
}

void GroupCommit::collect()
{
    if (!m_outcome.valid() || m_outcome.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return; // a flush() took this one already (and maybe submitted the next)
    collectInFlight();
    submitNext();
}

void GroupCommit::collectInFlight()
{
    const AppendWorker::Outcome outcome = m_outcome.get(); // leaves m_outcome invalid: nothing in flight
    const QList<Done> done = std::exchange(m_inFlight, {});
    finish(done, outcome.results, outcome.error, outcome.nanoseconds);
}

} // namespace Kaiwa::Server
