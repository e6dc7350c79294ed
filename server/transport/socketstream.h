// SPDX-License-Identifier: MIT
#pragma once

#include "bytestream.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>

namespace Kaiwa::Server {

class SocketStreamFlusher;
class StreamNotifier;

/**
 * An accepted TCP connection, for the daemon's many long-lived sockets: the part of QTcpSocket the
 * transport needs, at a fraction of its memory and system calls (docs/performance.md).
 *
 * - Reading: one read notifier; each notification reads once (up to 64 KiB, into a buffer shared by
 *   all streams) and hands exactly those bytes to readAll(). No per-socket read buffer stays
 *   allocated (QTcpSocket keeps a 16 KiB chunk per socket after first use).
 * - Writing: write() queues the (implicitly shared) QByteArray, so a broadcast frame is one buffer
 *   referenced by every member's queue. All streams written during an event loop turn are flushed
 *   together at the start of the next turn, one gathering write per stream. A write notifier
 *   exists only while the kernel's buffer is full.
 * - bytesToWrite() is exact: what the kernel has not taken yet.
 * - Closing: disconnectFromHost() sends what is queued, then closes, or hands the descriptor to a
 *   LingeringCloser when one is set, so an answer sent while the peer still sends is not lost to a reset.
 *
 * Takes ownership of the descriptor. The system calls are in NativeSocket (posixnativesocket.cpp).
 */
class SocketStream : public ByteStream
{
    Q_OBJECT
public:
    /// @param flusher writes what the stream queues (not owned; must outlive the stream).
    SocketStream(qintptr descriptor, SocketStreamFlusher *flusher, QObject *parent = nullptr);
    ~SocketStream() override;

    /// False once closed (by either side, or after an error).
    bool isOpen() const override { return m_descriptor >= 0; }
    QHostAddress peerAddress() const override;

    /// The bytes received since the last call.
    QByteArray readAll() override { return std::exchange(m_input, {}); }
    qsizetype bytesAvailable() const override { return m_input.size(); }

    /// Queues bytes; they leave at the next turn of the event loop.
    void write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override { return m_queuedBytes; }

    /// Stops reading, sends what is queued, then closes and emits disconnected().
    void disconnectFromHost() override;
    /// Closes at once, dropping what is queued; emits disconnected() if it was open.
    void abort() override;

private:
    friend class SocketStreamFlusher;

    void onReadable();
    void onWritable();
    void scheduleFlush();
    void flush();
    /// Closes the descriptor, or gives it to `lingeringCloser`; emits disconnected().
    void closeNow(LingeringCloser *lingeringCloser = nullptr);

    SocketStreamFlusher *m_flusher;
    qintptr m_descriptor;
    StreamNotifier *m_readNotifier = nullptr;
    StreamNotifier *m_writeNotifier = nullptr; ///< Only while the kernel's send buffer is full.
    QByteArray m_input;
    QList<QByteArray> m_queue;
    qsizetype m_headOffset = 0; ///< Bytes of m_queue.first() already sent.
    qint64 m_queuedBytes = 0;
    qsizetype m_flushIndex = -1; ///< Position in m_flusher's list, -1 when not scheduled.
    quint64 m_flushTurn = 0;
    bool m_closeWhenFlushed = false;
    bool m_peerClosed = false; ///< End of stream or an error was read: no lingering close.
};

} // namespace Kaiwa::Server
