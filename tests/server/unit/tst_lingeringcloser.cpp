// SPDX-License-Identifier: MIT
// LingeringCloser on one end of socketpairs; the test plays the client on the other end.
#include "server/transport/lingeringcloser.h"
#include "server/transport/monotonicclock.h"
#include "server/transport/socketstream.h"
#include "server/transport/socketstreamflusher.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using Kaiwa::Server::LingeringCloser;
using Kaiwa::Server::monotonicMs;
using Kaiwa::Server::SocketStream;
using Kaiwa::Server::SocketStreamFlusher;

namespace {

/// A connected pair: `server` (non-blocking, for the closer) and `client` (non-blocking, the test's).
struct Pair {
    int server = -1;
    int client = -1;
    Pair()
    {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) == 0) {
            server = fds[0];
            client = fds[1];
        }
    }
    ~Pair()
    {
        if (client >= 0)
            ::close(client);
    }
    /// What the client reads now: the bytes, and whether the stream ended.
    QByteArray read(bool *ended)
    {
        QByteArray all;
        char buffer[4096];
        *ended = false;
        for (;;) {
            const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
            if (n > 0) {
                all.append(buffer, n);
                continue;
            }
            *ended = n == 0;
            return all;
        }
    }
    /// Sends as much as the socket takes; false once the other end is closed (EPIPE), not merely full.
    bool send(qsizetype bytes)
    {
        const QByteArray data(bytes, 'x');
        const ssize_t n = ::send(client, data.constData(), size_t(data.size()), MSG_NOSIGNAL);
        return n >= 0 || errno == EAGAIN;
    }
};

} // namespace

class TestLingeringCloser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendsEndOfStreamThenDrainsUntilTheClientCloses();
    void closesPastTheByteBound();
    void idleMeansNothingArrivedEvenUnread();
    void closesPastTheTimeBound();
    void oldestGivesWayBeyondTheSocketBound();
    void socketStreamHandsItsConnectionOver();
};

void TestLingeringCloser::sendsEndOfStreamThenDrainsUntilTheClientCloses()
{
    LingeringCloser closer;
    QSignalSpy emptied(&closer, &LingeringCloser::emptied);
    Pair pair;
    closer.adopt(pair.server);
    QCOMPARE(closer.count(), 1);
    bool ended = false;
    QTRY_VERIFY((pair.read(&ended), ended)); // the FIN, at once
    // The client goes on sending, far more than the socket buffers hold: all of it is drained.
    qint64 sent = 0;
    while (sent < 4 * 1024 * 1024) {
        const QByteArray chunk(64 * 1024, 'x');
        const ssize_t n = ::send(pair.client, chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL);
        if (n > 0)
            sent += n;
        else
            QVERIFY2(errno == EAGAIN, strerror(errno));
        QTest::qWait(0);
    }
    QCOMPARE(closer.count(), 1);
    ::close(std::exchange(pair.client, -1));
    QTRY_COMPARE(closer.count(), 0);
    QCOMPARE(emptied.count(), 1);
}

void TestLingeringCloser::closesPastTheByteBound()
{
    LingeringCloser::Limits limits;
    limits.maxBytes = 256 * 1024;
    LingeringCloser closer(limits);
    Pair pair;
    closer.adopt(pair.server);
    // Sending on and on: once the bound is drained, the socket closes and sending fails.
    QTRY_VERIFY_WITH_TIMEOUT(!pair.send(16 * 1024), 10000);
    QCOMPARE(closer.count(), 0);
}

void TestLingeringCloser::idleMeansNothingArrivedEvenUnread()
{
    LingeringCloser::Limits limits;
    limits.idleTimeoutMs = 100;
    LingeringCloser closer(limits);
    Pair pair;
    closer.adopt(pair.server);
    // Bytes wait in the socket and no notification was delivered yet (a busy loop): not idle.
    QVERIFY(pair.send(1000));
    const qint64 later = monotonicMs() + 1000;
    closer.checkTimeouts(later);
    QCOMPARE(closer.count(), 1);
    // Nothing more arrives: idle.
    closer.checkTimeouts(later + 1000);
    QCOMPARE(closer.count(), 0);
    QVERIFY(!pair.send(1));
}

void TestLingeringCloser::closesPastTheTimeBound()
{
    LingeringCloser::Limits limits;
    limits.maxTimeMs = 1000;
    LingeringCloser closer(limits);
    Pair pair;
    closer.adopt(pair.server);
    QVERIFY(pair.send(1000)); // a client that never stops does not hold the socket past the bound
    closer.checkTimeouts(monotonicMs() + 500);
    QCOMPARE(closer.count(), 1);
    QVERIFY(pair.send(1000));
    closer.checkTimeouts(monotonicMs() + 1500);
    QCOMPARE(closer.count(), 0);
}

void TestLingeringCloser::oldestGivesWayBeyondTheSocketBound()
{
    LingeringCloser::Limits limits;
    limits.maxSockets = 2;
    LingeringCloser closer(limits);
    Pair first;
    Pair second;
    Pair third;
    closer.adopt(first.server);
    closer.adopt(second.server);
    closer.adopt(third.server);
    QCOMPARE(closer.count(), 2);
    QVERIFY(!first.send(1)); // closed
    QVERIFY(second.send(1)); // still draining
    QVERIFY(third.send(1));
}

void TestLingeringCloser::socketStreamHandsItsConnectionOver()
{
    // A stream with a closer: disconnectFromHost() sends what is queued, and the stream is done
    // (disconnected), while the closer keeps draining what its client sends.
    LingeringCloser closer;
    SocketStreamFlusher flusher;
    Pair pair;
    auto stream = std::make_unique<SocketStream>(pair.server, &flusher);
    stream->setLingeringCloser(&closer);
    QSignalSpy disconnected(stream.get(), &SocketStream::disconnected);
    stream->write("HTTP/1.1 431 Request Header Fields Too Large\r\n\r\n");
    stream->disconnectFromHost();
    QTRY_COMPARE(disconnected.count(), 1);
    QVERIFY(!stream->isOpen());
    QCOMPARE(closer.count(), 1);
    bool ended = false;
    QByteArray answer;
    QTRY_VERIFY((answer += pair.read(&ended), ended));
    QVERIFY(answer.startsWith("HTTP/1.1 431 "));
    QVERIFY(pair.send(64 * 1024)); // the client may still send; no reset
    stream.reset();
    QCOMPARE(closer.count(), 1); // the connection outlives the stream
    ::close(std::exchange(pair.client, -1));
    QTRY_COMPARE(closer.count(), 0);

    // A peer that closed first leaves nothing to linger for.
    Pair gone;
    auto closed = std::make_unique<SocketStream>(gone.server, &flusher);
    closed->setLingeringCloser(&closer);
    QSignalSpy closedDisconnected(closed.get(), &SocketStream::disconnected);
    ::close(std::exchange(gone.client, -1));
    QTRY_COMPARE(closedDisconnected.count(), 1);
    QCOMPARE(closer.count(), 0);
}

QTEST_GUILESS_MAIN(TestLingeringCloser)
#include "tst_lingeringcloser.moc"
