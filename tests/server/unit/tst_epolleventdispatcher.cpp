// SPDX-License-Identifier: MIT
// The daemon's epoll event dispatcher, installed for this whole test process (see main() below),
// so QTest's own waiting, QTimer, QSocketNotifier, deleteLater and QTcpSocket all run on it.
#include "server/transport/epolleventdispatcher.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <vector>

using Kaiwa::Server::EpollEventDispatcher;

namespace {
/// A connected AF_UNIX stream pair, closed on destruction.
struct SocketPair {
    int fds[2] = {-1, -1};
    SocketPair() { QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0); }
    ~SocketPair()
    {
        for (int fd : fds) {
            if (fd >= 0)
                ::close(fd);
        }
    }
};

class TimerCounter : public QObject
{
public:
    int fired = 0;
    std::function<void(int)> onTimer;

protected:
    void timerEvent(QTimerEvent *event) override
    {
        ++fired;
        if (onTimer)
            onTimer(event->timerId());
    }
};
} // namespace

class TestEpollEventDispatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isInstalled();
    void singleShotTimer();
    void repeatingTimer();
    void zeroTimerFiresEveryTurn();
    void killTimerInsideHandler();
    void timersAreNotRecursive();
    void remainingTimeAndRegisteredTimers();
    void postedEventsAndDeleteLater();
    void deleteLaterInNestedLoop();
    void wakeUpFromAnotherThread();
    void quitFromAnotherThread();
    void readNotifier();
    void writeNotifierOnlyWhileEnabled();
    void notifierDeletedByAnotherHandler();
    void descriptorReusedWithinOneTurn();
    void readAndWriteNotifiersOnOneDescriptor();
    void tcpRoundTrip();
    void listenerServedInAFullTurn();
};

void TestEpollEventDispatcher::isInstalled()
{
    QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
}

void TestEpollEventDispatcher::singleShotTimer()
{
    QElapsedTimer clock;
    clock.start();
    bool fired = false;
    QTimer::singleShot(30, this, [&fired] { fired = true; });
    QTRY_VERIFY(fired);
    QVERIFY(clock.elapsed() >= 29); // never early
}

void TestEpollEventDispatcher::repeatingTimer()
{
    QTimer timer;
    timer.setInterval(5);
    QSignalSpy spy(&timer, &QTimer::timeout);
    timer.start();
    QTRY_VERIFY(spy.count() >= 5);
    timer.stop();
    const auto count = spy.count();
    QTest::qWait(30);
    QCOMPARE(spy.count(), count);
}

void TestEpollEventDispatcher::zeroTimerFiresEveryTurn()
{
    TimerCounter counter;
    const int id = counter.startTimer(0);
    QVERIFY(id > 0);
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
    QCOMPARE(counter.fired, 5);
    counter.killTimer(id);
    QCoreApplication::processEvents();
    QCOMPARE(counter.fired, 5);
}

void TestEpollEventDispatcher::killTimerInsideHandler()
{
    TimerCounter counter;
    int second = 0;
    counter.onTimer = [&](int id) {
        counter.killTimer(id);
        if (second)
            counter.killTimer(std::exchange(second, 0)); // the other due timer must not fire after this
    };
    counter.startTimer(0);
    second = counter.startTimer(0);
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QCOMPARE(counter.fired, 1);
    QVERIFY(QAbstractEventDispatcher::instance()->registeredTimers(&counter).isEmpty());
}

void TestEpollEventDispatcher::timersAreNotRecursive()
{
    // A timer handler that spins a nested event loop must not be entered again by that loop.
    TimerCounter counter;
    int depth = 0;
    int maxDepth = 0;
    counter.onTimer = [&](int) {
        ++depth;
        maxDepth = std::max(maxDepth, depth);
        if (counter.fired == 1) {
            QEventLoop loop;
            QTimer::singleShot(40, &loop, &QEventLoop::quit);
            loop.exec();
        }
        --depth;
    };
    const int id = counter.startTimer(1);
    QTRY_VERIFY(counter.fired >= 3);
    counter.killTimer(id);
    QCOMPARE(maxDepth, 1);
}

void TestEpollEventDispatcher::remainingTimeAndRegisteredTimers()
{
    auto *dispatcher = QAbstractEventDispatcher::instance();
    QTimer timer;
    timer.start(10000);
    const int remaining = dispatcher->remainingTime(timer.timerId());
    QVERIFY(remaining > 9000 && remaining <= 10000);
    const auto timers = dispatcher->registeredTimers(&timer);
    QCOMPARE(timers.size(), 1);
    QCOMPARE(timers.first().interval, 10000);
    QCOMPARE(timers.first().timerId, timer.timerId());
    const int id = timer.timerId();
    timer.stop();
    QCOMPARE(dispatcher->remainingTime(id), -1);
    QVERIFY(!dispatcher->unregisterTimer(id));
}

void TestEpollEventDispatcher::postedEventsAndDeleteLater()
{
    bool called = false;
    QMetaObject::invokeMethod(
        this, [&called] { called = true; }, Qt::QueuedConnection);
    QCoreApplication::processEvents();
    QVERIFY(called);

    // deleteLater() from a handler inside a running loop: deleted on the next turn, without blocking.
    QElapsedTimer clock;
    clock.start();
    QPointer<QObject> doomed = new QObject;
    QEventLoop loop;
    bool deletedInTime = false;
    QMetaObject::invokeMethod(
        this,
        [&] {
            doomed->deleteLater();
            QMetaObject::invokeMethod(
                this,
                [&] {
                    deletedInTime = doomed.isNull();
                    loop.quit();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    QVERIFY(deletedInTime);
    QVERIFY(clock.elapsed() < 2000);
}

void TestEpollEventDispatcher::deleteLaterInNestedLoop()
{
    QPointer<QObject> outer;
    QPointer<QObject> inner;
    bool outerAliveAfterNestedLoop = false;
    QEventLoop loop;
    QMetaObject::invokeMethod(
        this,
        [&] {
            outer = new QObject;
            outer->deleteLater(); // posted at this loop level: a nested loop must not delete it
            QEventLoop nested;
            QTimer::singleShot(0, &nested, [&] {
                inner = new QObject;
                inner->deleteLater(); // posted inside the nested loop: deleted by it
                QTimer::singleShot(20, &nested, &QEventLoop::quit);
            });
            nested.exec();
            outerAliveAfterNestedLoop = !outer.isNull() && inner.isNull();
            QTimer::singleShot(20, &loop, &QEventLoop::quit);
        },
        Qt::QueuedConnection);
    loop.exec();
    QVERIFY(outerAliveAfterNestedLoop);
    QVERIFY(outer.isNull());
}

void TestEpollEventDispatcher::wakeUpFromAnotherThread()
{
    QEventLoop loop;
    bool called = false;
    QThread *thread = QThread::create([this, &called, &loop] {
        QThread::msleep(50);
        QMetaObject::invokeMethod(
            this,
            [&called, &loop] {
                called = true;
                loop.quit();
            },
            Qt::QueuedConnection);
    });
    thread->start();
    QElapsedTimer clock;
    clock.start();
    // Blocks in epoll_wait until the other thread's post writes the eventfd.
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    QVERIFY(called);
    QVERIFY(clock.elapsed() < 2000);
    thread->wait();
    delete thread;
}

void TestEpollEventDispatcher::quitFromAnotherThread()
{
    QEventLoop loop;
    QThread *thread = QThread::create([&loop] {
        QThread::msleep(30);
        loop.quit(); // thread-safe; interrupts the blocked wait
    });
    thread->start();
    QElapsedTimer clock;
    clock.start();
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    QVERIFY(clock.elapsed() < 2000);
    thread->wait();
    delete thread;
}

void TestEpollEventDispatcher::readNotifier()
{
    SocketPair pair;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    int activations = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        ++activations;
        char buffer[16];
        while (::read(pair.fds[0], buffer, sizeof buffer) > 0) { }
    });
    QTest::qWait(20);
    QCOMPARE(activations, 0);
    QCOMPARE(::write(pair.fds[1], "x", 1), 1);
    QTRY_COMPARE(activations, 1);
    QTest::qWait(20);
    QCOMPARE(activations, 1); // level-triggered, but the data was read: no more activations
    notifier.setEnabled(false);
    QCOMPARE(::write(pair.fds[1], "y", 1), 1);
    QTest::qWait(20);
    QCOMPARE(activations, 1);
    notifier.setEnabled(true); // still readable: reported again
    QTRY_COMPARE(activations, 2);
}

void TestEpollEventDispatcher::writeNotifierOnlyWhileEnabled()
{
    SocketPair pair;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Write);
    notifier.setEnabled(false);
    int activations = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        ++activations;
        notifier.setEnabled(false);
    });
    QTest::qWait(20);
    QCOMPARE(activations, 0);
    notifier.setEnabled(true);
    QTRY_COMPARE(activations, 1);
    // Disabled and enabled within one turn: still reported (interest is applied before waiting).
    notifier.setEnabled(true);
    notifier.setEnabled(false);
    notifier.setEnabled(true);
    QTRY_COMPARE(activations, 2);
    QTest::qWait(20);
    QCOMPARE(activations, 2);
}

void TestEpollEventDispatcher::notifierDeletedByAnotherHandler()
{
    SocketPair a;
    SocketPair b;
    auto *first = new QSocketNotifier(a.fds[0], QSocketNotifier::Read);
    auto *second = new QSocketNotifier(b.fds[0], QSocketNotifier::Read);
    QPointer<QSocketNotifier> firstGuard = first;
    QPointer<QSocketNotifier> secondGuard = second;
    int activations = 0;
    // Whichever runs first deletes the other; the other must not be activated afterwards.
    connect(first, &QSocketNotifier::activated, this, [&] {
        ++activations;
        char c;
        while (::read(a.fds[0], &c, 1) > 0) { }
        delete secondGuard.data();
    });
    connect(second, &QSocketNotifier::activated, this, [&] {
        ++activations;
        char c;
        while (::read(b.fds[0], &c, 1) > 0) { }
        delete firstGuard.data();
    });
    QCOMPARE(::write(a.fds[1], "x", 1), 1);
    QCOMPARE(::write(b.fds[1], "x", 1), 1);
    QTest::qWait(10); // both ready in one epoll_wait
    const int seen = activations;
    delete firstGuard.data();
    delete secondGuard.data();
    QCOMPARE(seen, 1);
}

void TestEpollEventDispatcher::descriptorReusedWithinOneTurn()
{
    // A handler closes a ready descriptor whose number is reused at once by a new, idle socket:
    // the stale readiness must not reach the new notifier.
    SocketPair trigger;
    auto *victimPair = new SocketPair;
    auto *victim = new QSocketNotifier(victimPair->fds[0], QSocketNotifier::Read);
    int victimActivations = 0;
    connect(victim, &QSocketNotifier::activated, this, [&] { ++victimActivations; });
    std::unique_ptr<SocketPair> replacement;
    std::unique_ptr<QSocketNotifier> replacementNotifier;
    int replacementActivations = 0;
    QSocketNotifier triggerNotifier(trigger.fds[0], QSocketNotifier::Read);
    connect(&triggerNotifier, &QSocketNotifier::activated, this, [&] {
        char c;
        while (::read(trigger.fds[0], &c, 1) > 0) { }
        if (!victimPair)
            return;
        const int reusedFd = victimPair->fds[0];
        delete victim;
        delete victimPair;
        victimPair = nullptr;
        replacement = std::make_unique<SocketPair>();
        if (replacement->fds[0] != reusedFd && replacement->fds[1] == reusedFd)
            std::swap(replacement->fds[0], replacement->fds[1]);
        replacementNotifier = std::make_unique<QSocketNotifier>(replacement->fds[0], QSocketNotifier::Read);
        connect(replacementNotifier.get(), &QSocketNotifier::activated, this, [&] { ++replacementActivations; });
    });
    // The trigger gets the lower descriptor number... not guaranteed; write both so both are ready.
    QCOMPARE(::write(victimPair->fds[1], "x", 1), 1);
    QCOMPARE(::write(trigger.fds[1], "x", 1), 1);
    QTRY_VERIFY(!victimPair);
    QTest::qWait(30);
    QCOMPARE(replacementActivations, 0);
    QVERIFY(victimActivations <= 1);
    QCOMPARE(::write(replacement->fds[1], "y", 1), 1);
    QTRY_VERIFY(replacementActivations >= 1);
}

void TestEpollEventDispatcher::readAndWriteNotifiersOnOneDescriptor()
{
    SocketPair pair;
    QSocketNotifier reader(pair.fds[0], QSocketNotifier::Read);
    QSocketNotifier writer(pair.fds[0], QSocketNotifier::Write);
    int reads = 0;
    int writes = 0;
    connect(&reader, &QSocketNotifier::activated, this, [&] {
        ++reads;
        char c;
        while (::read(pair.fds[0], &c, 1) > 0) { }
    });
    connect(&writer, &QSocketNotifier::activated, this, [&] {
        ++writes;
        writer.setEnabled(false);
    });
    QTRY_COMPARE(writes, 1);
    QCOMPARE(reads, 0);
    QCOMPARE(::write(pair.fds[1], "x", 1), 1);
    QTRY_COMPARE(reads, 1);
    writer.setEnabled(true);
    QTRY_COMPARE(writes, 2);
    reader.setEnabled(false); // removing one type keeps the other
    writer.setEnabled(true);
    QTRY_COMPARE(writes, 3);
}

void TestEpollEventDispatcher::tcpRoundTrip()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_VERIFY(server.hasPendingConnections());
    QTcpSocket *accepted = server.nextPendingConnection();
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    const QByteArray payload(256 * 1024, 'k'); // more than one socket buffer: write notifications
    client.write(payload);
    QByteArray received;
    connect(accepted, &QTcpSocket::readyRead, this, [&] { received += accepted->readAll(); });
    QTRY_COMPARE(received.size(), payload.size());
    QCOMPARE(received, payload);
    accepted->write("bye");
    QTRY_COMPARE(client.bytesAvailable(), 3);
    client.disconnectFromHost();
    QTRY_COMPARE(accepted->state(), QAbstractSocket::UnconnectedState);
}

void TestEpollEventDispatcher::listenerServedInAFullTurn()
{
    // More descriptors ready than one epoll_wait() returns, every one of them ready before the listening socket:
    // the turn accepts all the same. (In a burst, each accepted connection's upgrade request is ready before the
    // connections still waiting to be accepted; the listener used to come round once in many turns.)
    const int listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    QVERIFY(listenFd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    QVERIFY(::bind(listenFd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0);
    QVERIFY(::listen(listenFd, 16) == 0);
    QVERIFY(::getsockname(listenFd, reinterpret_cast<sockaddr *>(&address), &length) == 0);
    int accepted = 0;
    QSocketNotifier listener(listenFd, QSocketNotifier::Read);
    connect(&listener, &QSocketNotifier::activated, this, [&] {
        for (int fd = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC); fd >= 0;
             fd = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC)) {
            ++accepted;
            ::close(fd);
        }
    });

    constexpr int busyCount = 300; // the dispatcher takes 256 events per wait
    std::vector<std::unique_ptr<SocketPair>> pairs;
    std::vector<std::unique_ptr<QSocketNotifier>> notifiers;
    int busyActivations = 0;
    for (int i = 0; i < busyCount; ++i) {
        pairs.push_back(std::make_unique<SocketPair>());
        notifiers.push_back(std::make_unique<QSocketNotifier>(pairs.back()->fds[0], QSocketNotifier::Read));
        connect(notifiers.back().get(), &QSocketNotifier::activated, this, [&] { ++busyActivations; }); // not read
    }
    for (const auto &pair : pairs)
        QCOMPARE(::write(pair->fds[1], "x", 1), 1);
    const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    QVERIFY(client >= 0);
    QVERIFY(::connect(client, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0);

    QCoreApplication::processEvents(); // one turn
    QVERIFY2(busyActivations < busyCount, "the turn was not full: the test proves nothing");
    QCOMPARE(accepted, 1);
    ::close(client);
    ::close(listenFd);
}

int main(int argc, char *argv[])
{
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollEventDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolleventdispatcher.moc"
