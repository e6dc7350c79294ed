// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractEventDispatcher>

#include <memory>

namespace Kaiwa::Server {

/**
 * A QAbstractEventDispatcher on Linux epoll, for the daemon's main thread.
 *
 * Qt's UNIX dispatcher builds a pollfd array of every socket notifier and hands it to poll() on
 * every wake-up, then walks it: with thousands of connections most of the CPU goes there even when
 * one socket is active (docs/performance.md). Here the kernel keeps the interest set; a wake-up
 * costs in proportion to the sockets that are ready. Interest changes are applied lazily, just
 * before waiting, so a notifier switched off and on again within one turn costs no system call.
 *
 * Semantics follow qeventdispatcher_unix.cpp: posted events first, aboutToBlock()/awake(), socket
 * notifiers (level-triggered) get QEvent::SockAct at most once per turn, timers get QTimerEvent
 * and never recurse into a handler that is still running (nested event loops), zero-interval
 * timers fire on every turn, wakeUp() is coalesced and free when called from the loop's own thread.
 *
 * Install with QCoreApplication::setEventDispatcher() before the application object exists.
 * Built on Linux only (server/CMakeLists.txt); elsewhere the daemon uses Qt's own dispatcher.
 */
class EpollEventDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    using QAbstractEventDispatcher::registerTimer;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Kaiwa::Server
