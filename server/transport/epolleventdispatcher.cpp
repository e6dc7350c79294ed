// SPDX-License-Identifier: MIT
// Linux only: epoll(7) and eventfd(2). See epolleventdispatcher.h for what and why.
#include "epolleventdispatcher.h"

#include "transportlogging.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <climits>
#include <utility>
#include <vector>

#include <cerrno>
#include <ctime>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Kaiwa::Server {

namespace {
constexpr int s_maxEventsPerWait = 256;
/// epoll data of the wake-up eventfd; socket entries carry `fd | generation << 32`, generations start at 1.
constexpr quint64 s_wakeUpKey = ~quint64(0);

qint64 nowNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

quint32 epollMask(QSocketNotifier::Type type)
{
    switch (type) {
    case QSocketNotifier::Read:
        return EPOLLIN;
    case QSocketNotifier::Write:
        return EPOLLOUT;
    case QSocketNotifier::Exception:
        return EPOLLPRI;
    }
    return 0;
}

/// Which ready events activate a notifier of each type (as poll() reports them to Qt's dispatcher).
constexpr quint32 s_activating[3] = {
    EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR,
    EPOLLOUT | EPOLLHUP | EPOLLERR,
    EPOLLPRI | EPOLLHUP | EPOLLERR,
};
} // namespace

struct EpollEventDispatcher::Private {
    /// Everything the dispatcher knows about one file descriptor, indexed by the descriptor.
    struct Slot {
        QSocketNotifier *notifiers[3] = {nullptr, nullptr, nullptr};
        quint32 generation = 0;   ///< 0 while unused; ready events of an older generation are stale.
        quint32 applied = 0;      ///< Interest mask the kernel has.
        quint32 pending = 0;      ///< Ready events not yet dispatched.
        bool queued = false;      ///< In the ready queue.
        bool dirty = false;       ///< In the dirty list: applied may differ from wanted().
        bool alwaysReady = false; ///< epoll refuses the descriptor (regular file): poll() calls those ready.
        qint8 listening = -1;     ///< Whether it is a listening socket (SO_ACCEPTCONN); -1 not asked yet.

        quint32 wanted() const
        {
            quint32 mask = 0;
            for (int type = 0; type < 3; ++type) {
                if (notifiers[type])
                    mask |= epollMask(QSocketNotifier::Type(type));
            }
            return mask;
        }
        bool isEmpty() const { return !notifiers[0] && !notifiers[1] && !notifiers[2]; }
    };
    struct Ready {
        int fd;
        quint32 generation;
    };
    struct Timer {
        int id;
        qint64 intervalMs;
        Qt::TimerType type;
        QObject *object;
        qint64 dueNs;
        quint64 serial;      ///< Tells a re-registered id from the timer that had it before.
        bool active = false; ///< Its event is being delivered: a nested loop must not fire it again.
    };

    int epollFd = -1;
    int wakeFd = -1;
    Qt::HANDLE ownerThread = nullptr;
    std::atomic<bool> wakePending{false}; ///< The eventfd was written and not read yet.
    std::atomic<bool> localWake{false};   ///< wakeUp() from the loop's own thread since the turn began.
    std::atomic<bool> interrupted{false};

    std::vector<Slot> slots;
    std::vector<int> dirty;
    std::vector<int> alwaysReady;
    std::vector<int> listeners; ///< Listening sockets with a read notifier (see enqueueReadyListeners()).
    std::vector<Ready> ready;   ///< Shared by nested processEvents() calls, like Qt's pendingNotifiers.
    size_t readyPos = 0;
    quint32 nextGeneration = 1;

    std::vector<Timer> timers; ///< Few (the daemon has a handful): linear scans beat a heap here.
    quint64 nextSerial = 1;

    Slot &slot(int fd)
    {
        if (size_t(fd) >= slots.size())
            slots.resize(std::max(size_t(fd) + 1, slots.size() * 2));
        return slots[size_t(fd)];
    }
    void markDirty(int fd, Slot &s)
    {
        if (!s.dirty) {
            s.dirty = true;
            dirty.push_back(fd);
        }
    }
    void applyInterest();
    void enqueue(int fd, quint32 events);
    void noteListener(int fd, Slot &s);
    void forgetListener(int fd, Slot &s);
    void enqueueReadyListeners();
    int dispatchReady();
    qint64 nextTimerWaitNs(qint64 now) const;
    int activateTimers();
    Timer *findTimer(int id, quint64 serial)
    {
        for (Timer &t : timers) {
            if (t.id == id && t.serial == serial)
                return &t;
        }
        return nullptr;
    }
    static void schedule(Timer &t, qint64 now)
    {
        t.dueNs += t.intervalMs * 1000000;
        if (t.dueNs < now)
            t.dueNs = now + t.intervalMs * 1000000;
    }
};

void EpollEventDispatcher::Private::applyInterest()
{
    for (int fd : dirty) {
        Slot &s = slots[size_t(fd)];
        s.dirty = false;
        if (s.generation == 0 || s.alwaysReady)
            continue;
        const quint32 wanted = s.wanted();
        if (wanted == s.applied)
            continue;
        epoll_event ev{};
        ev.events = wanted;
        ev.data.u64 = quint64(quint32(fd)) | (quint64(s.generation) << 32);
        if (epoll_ctl(epollFd, EPOLL_CTL_MOD, fd, &ev) == 0)
            s.applied = wanted;
        else
            qCWarning(lcTransport) << "epoll_ctl(MOD) failed for descriptor" << fd << "errno" << errno;
    }
    dirty.clear();
}

void EpollEventDispatcher::Private::enqueue(int fd, quint32 events)
{
    Slot &s = slots[size_t(fd)];
    s.pending |= events;
    if (!s.queued) {
        s.queued = true;
        ready.push_back({fd, s.generation});
    }
}

void EpollEventDispatcher::Private::noteListener(int fd, Slot &s)
{
    if (s.listening < 0) {
        int accepting = 0;
        socklen_t length = sizeof accepting;
        s.listening = getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0 && accepting ? 1 : 0;
    }
    if (s.listening > 0 && std::find(listeners.begin(), listeners.end(), fd) == listeners.end())
        listeners.push_back(fd);
}

void EpollEventDispatcher::Private::forgetListener(int fd, Slot &s)
{
    if (s.listening > 0)
        listeners.erase(std::remove(listeners.begin(), listeners.end(), fd), listeners.end());
}

void EpollEventDispatcher::Private::enqueueReadyListeners()
{
    // epoll reports a level-triggered descriptor that stays ready after the others ready before it, so with
    // thousands of connections ready at once (a burst: each has its upgrade request waiting) the listening socket
    // came round once in many turns, its accept queue filled meanwhile, and the kernel dropped handshakes
    // that clients then repeated a second later. A full batch is when that happens: the listeners go first.
    std::vector<pollfd> polled;
    polled.reserve(listeners.size());
    for (const int fd : listeners)
        polled.push_back({fd, POLLIN, 0});
    if (::poll(polled.data(), nfds_t(polled.size()), 0) <= 0)
        return;
    for (const pollfd &entry : polled) {
        if (entry.revents & POLLIN)
            enqueue(entry.fd, EPOLLIN);
    }
}

int EpollEventDispatcher::Private::dispatchReady()
{
    int activated = 0;
    QEvent event(QEvent::SockAct);
    // Members, not locals: a nested event loop (a handler calling exec()) goes on with the same queue.
    while (readyPos < ready.size()) {
        const Ready entry = ready[readyPos++];
        Slot &first = slots[size_t(entry.fd)];
        if (first.generation != entry.generation)
            continue;
        const quint32 events = std::exchange(first.pending, 0);
        first.queued = false;
        for (int type = 0; type < 3; ++type) {
            // Look the slot up each time: a handler may add descriptors (slots grows) or drop this one.
            const Slot &s = slots[size_t(entry.fd)];
            if (s.generation != entry.generation)
                break;
            QSocketNotifier *notifier = s.notifiers[type];
            if (!notifier || !(events & s_activating[type]))
                continue;
            QCoreApplication::sendEvent(notifier, &event);
            ++activated;
        }
    }
    ready.clear();
    readyPos = 0;
    return activated;
}

qint64 EpollEventDispatcher::Private::nextTimerWaitNs(qint64 now) const
{
    qint64 wait = -1;
    for (const Timer &t : timers) {
        const qint64 left = std::max<qint64>(0, t.dueNs - now);
        if (wait < 0 || left < wait)
            wait = left;
    }
    return wait;
}

int EpollEventDispatcher::Private::activateTimers()
{
    if (timers.empty())
        return 0;
    const qint64 now = nowNs();
    struct Due {
        qint64 dueNs;
        int id;
        quint64 serial;
    };
    std::vector<Due> due;
    for (const Timer &t : timers) {
        if (t.dueNs <= now)
            due.push_back({t.dueNs, t.id, t.serial});
    }
    std::sort(due.begin(), due.end(), [](const Due &a, const Due &b) { return a.dueNs < b.dueNs; });
    int activated = 0;
    for (const Due &entry : due) {
        // Handlers may stop, start or delete timers: find each again.
        Timer *t = findTimer(entry.id, entry.serial);
        if (!t || t->dueNs > now)
            continue;
        schedule(*t, now);
        if (t->intervalMs > 0)
            ++activated; // as in Qt, zero timers do not count as "events handled"
        if (t->active)
            continue; // still running further up the stack: never recurse into a timer handler
        t->active = true;
        QTimerEvent event(entry.id);
        QCoreApplication::sendEvent(t->object, &event);
        if (Timer *again = findTimer(entry.id, entry.serial))
            again->active = false;
    }
    return activated;
}

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , d(std::make_unique<Private>())
{
    d->ownerThread = QThread::currentThreadId();
    d->epollFd = epoll_create1(EPOLL_CLOEXEC);
    d->wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (d->epollFd < 0 || d->wakeFd < 0)
        qFatal("EpollEventDispatcher: cannot create epoll or eventfd descriptors (errno %d)", errno);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = s_wakeUpKey;
    if (epoll_ctl(d->epollFd, EPOLL_CTL_ADD, d->wakeFd, &ev) != 0)
        qFatal("EpollEventDispatcher: cannot watch the eventfd (errno %d)", errno);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(d->wakeFd);
    ::close(d->epollFd);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    d->interrupted.store(false, std::memory_order_relaxed);
    Q_EMIT awake();

    // Anything posted from here on (deleteLater, queued calls) makes the wait below not block.
    d->localWake.store(false, std::memory_order_relaxed);
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    bool canWait = (flags & QEventLoop::WaitForMoreEvents) && !d->interrupted.load(std::memory_order_relaxed);
    if (canWait)
        Q_EMIT aboutToBlock();
    if (d->interrupted.load(std::memory_order_relaxed))
        return false;
    canWait = canWait && !d->localWake.load(std::memory_order_relaxed) && d->readyPos >= d->ready.size()
              && (!includeNotifiers || d->alwaysReady.empty());

    int timeoutMs = 0;
    if (canWait) {
        const qint64 waitNs = includeTimers ? d->nextTimerWaitNs(nowNs()) : -1;
        // Round up: waking before a timer is due would only spin.
        timeoutMs = waitNs < 0 ? -1 : int(std::min<qint64>((waitNs + 999999) / 1000000, INT_MAX));
    }

    int handled = 0;
    bool woken = false;
    if (includeNotifiers) {
        d->applyInterest();
        epoll_event events[s_maxEventsPerWait];
        const int n = epoll_wait(d->epollFd, events, s_maxEventsPerWait, timeoutMs);
        if (n < 0 && errno != EINTR)
            qCWarning(lcTransport) << "epoll_wait failed, errno" << errno;
        if (n == s_maxEventsPerWait && !d->listeners.empty())
            d->enqueueReadyListeners();
        for (int i = 0; i < n; ++i) {
            if (events[i].data.u64 == s_wakeUpKey) {
                woken = true;
                continue;
            }
            const int fd = int(quint32(events[i].data.u64));
            const quint32 generation = quint32(events[i].data.u64 >> 32);
            if (size_t(fd) < d->slots.size() && d->slots[size_t(fd)].generation == generation)
                d->enqueue(fd, events[i].events);
        }
        for (int fd : d->alwaysReady)
            d->enqueue(fd, EPOLLIN | EPOLLOUT);
    } else {
        // Socket notifiers excluded: wait for a wake-up (or a timer) only.
        pollfd pfd{d->wakeFd, POLLIN, 0};
        woken = ::poll(&pfd, 1, timeoutMs) > 0;
    }
    if (woken) {
        eventfd_t value;
        eventfd_read(d->wakeFd, &value);
        d->wakePending.store(false, std::memory_order_release);
        ++handled;
    }
    if (includeNotifiers)
        handled += d->dispatchReady();
    if (includeTimers)
        handled += d->activateTimers();
    return handled > 0;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    Q_ASSERT(notifier);
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    if (fd < 0 || type < 0 || type > 2)
        return;
    Private::Slot &s = d->slot(fd);
    if (s.notifiers[type] && s.notifiers[type] != notifier)
        qCWarning(lcTransport) << "several socket notifiers of one type for descriptor" << fd;
    s.notifiers[type] = notifier;
    if (type == int(QSocketNotifier::Read))
        d->noteListener(fd, s);
    if (s.generation != 0) {
        d->markDirty(fd, s);
        return;
    }
    // A new descriptor: add it at once (its number may be reused later; the generation tells apart).
    s.generation = d->nextGeneration++;
    if (d->nextGeneration == 0)
        d->nextGeneration = 1;
    s.pending = 0;
    s.queued = false;
    epoll_event ev{};
    ev.events = s.wanted();
    ev.data.u64 = quint64(quint32(fd)) | (quint64(s.generation) << 32);
    int rc = epoll_ctl(d->epollFd, EPOLL_CTL_ADD, fd, &ev);
    if (rc != 0 && errno == EEXIST)
        rc = epoll_ctl(d->epollFd, EPOLL_CTL_MOD, fd, &ev);
    if (rc == 0) {
        s.applied = ev.events;
    } else if (errno == EPERM) {
        s.alwaysReady = true; // a regular file or the like: always ready, as poll() would say
        d->alwaysReady.push_back(fd);
    } else {
        qCWarning(lcTransport) << "epoll_ctl(ADD) failed for descriptor" << fd << "errno" << errno;
    }
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    Q_ASSERT(notifier);
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    if (fd < 0 || size_t(fd) >= d->slots.size() || type < 0 || type > 2)
        return;
    Private::Slot &s = d->slots[size_t(fd)];
    if (s.notifiers[type] != notifier)
        return;
    s.notifiers[type] = nullptr;
    if (type == int(QSocketNotifier::Read))
        d->forgetListener(fd, s);
    if (!s.isEmpty()) {
        d->markDirty(fd, s);
        return;
    }
    // The last notifier: remove now, the descriptor may be closed right after this.
    if (s.alwaysReady) {
        d->alwaysReady.erase(std::remove(d->alwaysReady.begin(), d->alwaysReady.end(), fd), d->alwaysReady.end());
    } else if (s.generation != 0) {
        epoll_event ev{};
        epoll_ctl(d->epollFd, EPOLL_CTL_DEL, fd, &ev); // fails harmlessly if it was closed already
    }
    const bool dirty = s.dirty;
    s = Private::Slot{};
    s.dirty = dirty; // still listed in d->dirty; applyInterest() skips unused slots
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    if (timerId < 1 || interval < 0 || !object) {
        qCWarning(lcTransport) << "EpollEventDispatcher::registerTimer: invalid arguments";
        return;
    }
    if (timerType == Qt::VeryCoarseTimer && interval > 0)
        interval = std::max<qint64>(1000, (interval + 500) / 1000 * 1000); // whole seconds, as Qt does
    d->timers.push_back({timerId, interval, timerType, object, nowNs() + interval * 1000000, d->nextSerial++});
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it =
        std::find_if(d->timers.begin(), d->timers.end(), [timerId](const auto &t) { return t.id == timerId; });
    if (it == d->timers.end())
        return false;
    d->timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    const auto before = d->timers.size();
    d->timers.erase(
        std::remove_if(d->timers.begin(), d->timers.end(), [object](const auto &t) { return t.object == object; }),
        d->timers.end());
    return d->timers.size() != before;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> list;
    for (const auto &t : d->timers) {
        if (t.object == object)
            list.append(TimerInfo(t.id, int(t.intervalMs), t.type));
    }
    return list;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const qint64 now = nowNs();
    for (const auto &t : d->timers) {
        if (t.id == timerId)
            return int(std::max<qint64>(0, (t.dueNs - now) / 1000000));
    }
    return -1;
}

void EpollEventDispatcher::wakeUp()
{
    // From the loop's own thread nothing is blocked: remember it, so the next wait does not block.
    if (QThread::currentThreadId() == d->ownerThread) {
        d->localWake.store(true, std::memory_order_relaxed);
        return;
    }
    if (!d->wakePending.exchange(true, std::memory_order_acq_rel))
        eventfd_write(d->wakeFd, 1);
}

void EpollEventDispatcher::interrupt()
{
    d->interrupted.store(true, std::memory_order_relaxed);
    wakeUp();
}

} // namespace Kaiwa::Server
