// SPDX-License-Identifier: MIT
// SocketStream over one end of a socketpair; the test reads and writes the other end directly.
#include "server/transport/socketstream.h"
#include "server/transport/socketstreamflusher.h"

#include <QSignalSpy>
#include <QTest>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using Kaiwa::Server::SocketStream;
using Kaiwa::Server::SocketStreamFlusher;

namespace {
struct Peer {
    int fd = -1;
    ~Peer()
    {
        if (fd >= 0)
            ::close(fd);
    }
    QByteArray readAvailable()
    {
        QByteArray all;
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n <= 0)
                return all;
            all.append(buffer, n);
        }
    }
};

/// A stream on one end of a fresh socketpair, the other end non-blocking in `peer`.
SocketStream *makeStream(Peer &peer, SocketStreamFlusher *flusher, QObject *parent)
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        return nullptr;
    ::fcntl(fds[1], F_SETFL, ::fcntl(fds[1], F_GETFL) | O_NONBLOCK);
    peer.fd = fds[1];
    return new SocketStream(fds[0], flusher, parent);
}
} // namespace

class TestSocketStream : public QObject
{
    Q_OBJECT

    SocketStreamFlusher m_flusher; ///< Writes every test's streams; outlives them (cleanup()).

private Q_SLOTS:
    /// A test that failed early leaves its streams behind: they go while the flusher is still there.
    void cleanup() { qDeleteAll(findChildren<SocketStream *>()); }
    void readsWhatArrives();
    void writesLeaveInOrderOnTheNextTurn();
    void sharedFrameIsNotCopied();
    void slowReaderQueueIsExactAndDrains();
    void disconnectFromHostFlushesFirst();
    void peerCloseEmitsDisconnected();
    void abortDropsTheQueue();
    void destroyedWhileScheduled();
};

void TestSocketStream::readsWhatArrives()
{
    Peer peer;
    SocketStream *stream = makeStream(peer, &m_flusher, this);
    QVERIFY(stream && stream->isOpen());
    QSignalSpy ready(stream, &SocketStream::readyRead);
    QCOMPARE(::write(peer.fd, "hello", 5), 5);
    QTRY_VERIFY(ready.count() >= 1);
    QCOMPARE(stream->readAll(), QByteArray("hello"));
    QCOMPARE(stream->bytesAvailable(), 0);
    delete stream;
}

void TestSocketStream::writesLeaveInOrderOnTheNextTurn()
{
    Peer peer;
    SocketStream *stream = makeStream(peer, &m_flusher, this);
    QByteArray expected;
    for (int i = 0; i < 500; ++i) { // more than one gathering write (64 buffers) takes
        const QByteArray frame = "frame " + QByteArray::number(i) + ';';
        stream->write(frame);
        expected += frame;
    }
    QCOMPARE(stream->bytesToWrite(), expected.size());
    QCOMPARE(peer.readAvailable(), QByteArray()); // nothing leaves before the loop turns
    QByteArray received;
    QTRY_VERIFY((received += peer.readAvailable()).size() >= expected.size());
    QCOMPARE(received, expected);
    QCOMPARE(stream->bytesToWrite(), 0);
    delete stream;
}

void TestSocketStream::sharedFrameIsNotCopied()
{
    Peer a;
    Peer b;
    SocketStream *first = makeStream(a, &m_flusher, this);
    SocketStream *second = makeStream(b, &m_flusher, this);
    const QByteArray frame(1000, 'f');
    first->write(frame);
    second->write(frame);
    QVERIFY(!frame.isDetached()); // both queues reference the one buffer
    QByteArray atA;
    QByteArray atB;
    QTRY_VERIFY((atA += a.readAvailable()).size() >= frame.size());
    QTRY_VERIFY((atB += b.readAvailable()).size() >= frame.size());
    QCOMPARE(atA, frame);
    QCOMPARE(atB, frame);
    delete first;
    delete second;
}

void TestSocketStream::slowReaderQueueIsExactAndDrains()
{
    Peer peer;
    SocketStream *stream = makeStream(peer, &m_flusher, this);
    const QByteArray chunk(64 * 1024, 'x');
    qint64 total = 0;
    for (int i = 0; i < 64; ++i) { // 4 MiB: far more than the socket buffers hold
        stream->write(chunk);
        total += chunk.size();
    }
    QTest::qWait(50);
    const qint64 queued = stream->bytesToWrite();
    QVERIFY(queued > 0);
    QVERIFY(queued < total); // the kernel took some: the rest is counted exactly
    // The reader catches up: everything arrives, in order, and the queue empties.
    qint64 received = 0;
    QTRY_VERIFY_WITH_TIMEOUT((received += peer.readAvailable().size()) == total, 10000);
    QCOMPARE(stream->bytesToWrite(), 0);
    QVERIFY(stream->isOpen());
    delete stream;
}

void TestSocketStream::disconnectFromHostFlushesFirst()
{
    Peer peer;
    SocketStream *stream = makeStream(peer, &m_flusher, this);
    QSignalSpy disconnected(stream, &SocketStream::disconnected);
    stream->write("last words");
    stream->disconnectFromHost();
    QVERIFY(stream->isOpen());
    QTRY_COMPARE(disconnected.count(), 1);
    QVERIFY(!stream->isOpen());
    QCOMPARE(peer.readAvailable(), QByteArray("last words"));
    char c;
    QCOMPARE(::read(peer.fd, &c, 1), 0); // then end of stream
    delete stream;
}

void TestSocketStream::peerCloseEmitsDisconnected()
{
    Peer peer;
    SocketStream *stream = makeStream(peer, &m_flusher, this);
    QSignalSpy disconnected(stream, &SocketStream::disconnected);
    ::close(std::exchange(peer.fd, -1));
    QTRY_COMPARE(disconnected.count(), 1);
    QVERIFY(!stream->isOpen());
    stream->write("ignored"); // no crash, no effect
    QCOMPARE(stream->bytesToWrite(), 0);
    delete stream;
}

void TestSocketStream::abortDropsTheQueue()
{
    Peer peer;
    SocketStream *stream = makeStream(peer, &m_flusher, this);
    QSignalSpy disconnected(stream, &SocketStream::disconnected);
    stream->write("never sent");
    stream->abort();
    QCOMPARE(disconnected.count(), 1);
    QCOMPARE(stream->bytesToWrite(), 0);
    QTest::qWait(20);
    QCOMPARE(peer.readAvailable(), QByteArray());
    QCOMPARE(disconnected.count(), 1);
    delete stream;
}

void TestSocketStream::destroyedWhileScheduled()
{
    Peer a;
    Peer b;
    SocketStream *doomed = makeStream(a, &m_flusher, this);
    SocketStream *survivor = makeStream(b, &m_flusher, this);
    doomed->write("x");
    survivor->write("y");
    delete doomed; // scheduled for the flush: must leave the flusher's list
    QByteArray received;
    QTRY_VERIFY(!(received += b.readAvailable()).isEmpty());
    QCOMPARE(received, QByteArray("y"));
    delete survivor;
}

QTEST_GUILESS_MAIN(TestSocketStream)
#include "tst_socketstream.moc"
