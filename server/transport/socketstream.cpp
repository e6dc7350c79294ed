// SPDX-License-Identifier: MIT
#include "socketstream.h"

#include "nativesocket.h"
#include "socketstreamflusher.h"
#include "streamnotifier.h"

#include <algorithm>

namespace Kaiwa::Server {

namespace {
/// One read per notification takes at most this; more stays in the kernel for the next turn.
constexpr qsizetype s_readChunk = 64 * 1024;
/// A drained queue keeps its array unless it grew past this many entries (a burst to a slow reader).
constexpr qsizetype s_keptQueueCapacity = 16;
} // namespace

SocketStream::SocketStream(qintptr descriptor, SocketStreamFlusher *flusher, QObject *parent)
    : ByteStream(parent)
    , m_flusher(flusher)
    , m_descriptor(descriptor)
{
    if (m_descriptor < 0 || !NativeSocket::prepare(m_descriptor)) {
        if (m_descriptor >= 0)
            NativeSocket::close(m_descriptor);
        m_descriptor = -1;
        return;
    }
    m_readNotifier = new StreamNotifier(m_descriptor, QSocketNotifier::Read, this, &SocketStream::onReadable);
}

SocketStream::~SocketStream()
{
    if (m_flushIndex >= 0)
        m_flusher->unschedule(this);
    if (m_descriptor >= 0) {
        delete m_readNotifier;
        delete m_writeNotifier;
        NativeSocket::close(m_descriptor);
    }
}

QHostAddress SocketStream::peerAddress() const
{
    return m_descriptor >= 0 ? NativeSocket::peerAddress(m_descriptor) : QHostAddress();
}

void SocketStream::write(const QByteArray &bytes)
{
    if (m_descriptor < 0 || m_closeWhenFlushed || bytes.isEmpty())
        return;
    m_queue.append(bytes);
    m_queuedBytes += bytes.size();
    scheduleFlush();
}

void SocketStream::disconnectFromHost()
{
    if (m_descriptor < 0 || m_closeWhenFlushed)
        return;
    m_closeWhenFlushed = true;
    m_readNotifier->setEnabled(false);
    scheduleFlush(); // closes on the next turn, after the queue (even an empty one)
}

void SocketStream::abort()
{
    if (m_descriptor < 0)
        return;
    closeNow();
}

void SocketStream::scheduleFlush()
{
    // While the write notifier waits for room, the kernel says when to go on.
    if (m_flushIndex < 0 && !(m_writeNotifier && m_writeNotifier->isEnabled()))
        m_flusher->schedule(this);
}

void SocketStream::onReadable()
{
    // A buffer shared by all streams of the thread: a stream keeps only what it received.
    thread_local char t_buffer[s_readChunk];
    qsizetype received = 0;
    switch (NativeSocket::read(m_descriptor, t_buffer, s_readChunk, &received)) {
    case NativeSocket::Result::Ok:
        m_input.append(t_buffer, received);
        Q_EMIT readyRead();
        return;
    case NativeSocket::Result::WouldBlock:
        return;
    case NativeSocket::Result::Closed:
        // The peer closed (or reset): send what is queued if it still can be, then close, as
        // QTcpSocket does (it has no half-open state either). Nothing is left to linger for.
        m_peerClosed = true;
        disconnectFromHost();
        return;
    }
}

void SocketStream::onWritable()
{
    m_writeNotifier->setEnabled(false);
    flush();
}

void SocketStream::flush()
{
    while (m_descriptor >= 0 && !m_queue.isEmpty()) {
        const qsizetype count = std::min(m_queue.size(), NativeSocket::maxBuffersPerWrite());
        qsizetype offered = -m_headOffset;
        for (qsizetype i = 0; i < count; ++i)
            offered += m_queue[i].size();
        qsizetype written = 0;
        const auto result = NativeSocket::write(m_descriptor, m_queue.constData(), count, m_headOffset, &written);
        if (result == NativeSocket::Result::Closed) {
            closeNow();
            return;
        }
        if (result == NativeSocket::Result::WouldBlock)
            written = 0;
        m_queuedBytes -= written;
        const bool kernelFull = written < offered;
        written += m_headOffset;
        qsizetype done = 0;
        while (done < m_queue.size() && written >= m_queue[done].size()) {
            written -= m_queue[done].size();
            ++done;
        }
        m_queue.remove(0, done);
        m_headOffset = written;
        if (kernelFull) {
            // The kernel took less than offered: its buffer is full. Go on when it has room.
            if (!m_writeNotifier) {
                m_writeNotifier =
                    new StreamNotifier(m_descriptor, QSocketNotifier::Write, this, &SocketStream::onWritable);
            } else {
                m_writeNotifier->setEnabled(true);
            }
            return;
        }
    }
    if (m_queue.capacity() > s_keptQueueCapacity)
        m_queue = QList<QByteArray>();
    if (m_descriptor >= 0 && m_closeWhenFlushed)
        closeNow(m_lingeringCloser && !m_peerClosed ? m_lingeringCloser.data() : nullptr);
}

void SocketStream::closeNow(LingeringCloser *lingeringCloser)
{
    if (m_flushIndex >= 0)
        m_flusher->unschedule(this);
    delete std::exchange(m_readNotifier, nullptr);
    delete std::exchange(m_writeNotifier, nullptr);
    if (lingeringCloser)
        lingeringCloser->adopt(m_descriptor);
    else
        NativeSocket::close(m_descriptor);
    m_descriptor = -1;
    m_queue = QList<QByteArray>();
    m_queuedBytes = 0;
    m_headOffset = 0;
    Q_EMIT disconnected();
}

} // namespace Kaiwa::Server
