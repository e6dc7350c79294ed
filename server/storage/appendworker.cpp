// SPDX-License-Identifier: MIT
#include "appendworker.h"

#include <QElapsedTimer>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

AppendWorker::AppendWorker(StoreFactory factory)
    : m_factory(std::move(factory))
{
    m_thread.setObjectName(u"kaiwa-append"_s);
}

AppendWorker::~AppendWorker()
{
    if (!m_thread.isRunning())
        return;
    // Queued behind a batch in flight, so that one still commits; the connection closes on its own thread.
    QMetaObject::invokeMethod(
        m_context, [this] { m_store.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit(); // the context is deleted on its thread as it finishes
    m_thread.wait();
}

bool AppendWorker::start(QString *error)
{
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
    QString reason;
    QMetaObject::invokeMethod(
        m_context,
        [this, &reason] {
            m_store = m_factory(&reason);
            if (m_store && !m_store->open()) {
                reason = m_store->errorString();
                m_store.reset();
            }
        },
        Qt::BlockingQueuedConnection);
    if (!m_store && error)
        *error = reason;
    return m_store != nullptr;
}

std::future<AppendWorker::Outcome> AppendWorker::submit(QList<MessageStore::PendingAppend> batch,
                                                        std::function<void()> ready)
{
    auto promise = std::make_shared<std::promise<Outcome>>();
    std::future<Outcome> outcome = promise->get_future();
    QMetaObject::invokeMethod(
        m_context,
        [this, batch = std::move(batch), ready = std::move(ready), promise] {
            Outcome done;
            QElapsedTimer timer;
            timer.start();
            if (m_store) {
                done.results = m_store->appendAll(batch);
                if (!done.results)
                    done.error = m_store->errorString();
            } else {
                done.error = u"the writing connection is not open"_s;
            }
            done.nanoseconds = timer.nsecsElapsed(); // a failed write too, as GroupCommit times its own
            promise->set_value(std::move(done));
            ready();
        },
        Qt::QueuedConnection);
    return outcome;
}

} // namespace Kaiwa::Server
