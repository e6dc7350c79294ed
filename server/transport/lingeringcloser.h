// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <list>

class QSocketNotifier;

namespace Kaiwa::Server {

/**
 * Closes connections the way nginx's lingering_close and Apache's lingering close do, so that an answer
 * given while the client is still sending (431, 413, 400, 408, 503, a WebSocket close after 1009 or 1008)
 * reaches it: a socket closed with unread bytes in its receive buffer, or receiving bytes after it was
 * closed, answers with a TCP reset, and the reset makes the client's system discard the answer it had
 * not read yet (QTcpSocket, and browsers, give up at the first write error).
 *
 * A stream hands its descriptor over once its last bytes are written. The closer shuts the sending side
 * (the client reads the answer, then end of stream), reads and discards what still arrives, and closes
 * when the client closes or a bound is reached: `maxTimeMs` in all, `idleTimeoutMs` without a byte, or
 * `maxBytes` discarded (nginx: lingering_time 30 s, lingering_timeout 5 s). At most `maxSockets` linger
 * at once; a newer one closes the oldest. The bounds keep a hostile client from holding a socket; each
 * lingering socket costs a read notifier and a few bytes, and its timeouts are checked by the server's
 * one supervision timer (checkTimeouts()), not by a timer of its own.
 */
class LingeringCloser : public QObject
{
    Q_OBJECT
public:
    struct Limits {
        qint64 maxTimeMs = 30000;
        qint64 idleTimeoutMs = 5000;
        qint64 maxBytes = 8 * 1024 * 1024;
        int maxSockets = 1024;
    };

    explicit LingeringCloser(Limits limits, QObject *parent = nullptr);
    explicit LingeringCloser(QObject *parent = nullptr)
        : LingeringCloser(Limits{}, parent)
    {
    }
    /// Closes every socket still lingering.
    ~LingeringCloser() override;

    /**
     * Takes ownership of a connected, non-blocking descriptor whose answer has been written: sends the
     * FIN at once, then discards input until the client closes or a bound is reached.
     */
    void adopt(qintptr descriptor);

    /// Closes the sockets past a bound; called periodically by the server.
    void checkTimeouts(qint64 nowMs);
    /// Closes every lingering socket now (the daemon's shutdown grace has run out).
    void closeAll();

    int count() const { return int(m_sockets.size()); }

Q_SIGNALS:
    /// The last lingering socket was closed.
    void emptied();

private:
    struct Socket {
        qintptr descriptor;
        QSocketNotifier *notifier;
        qint64 sinceMs;
        qint64 lastInputMs;
        qint64 discarded = 0;
    };
    using Iterator = std::list<Socket>::iterator;

    /// Reads and drops what has arrived; false once the socket is closed (end of stream, error, byte bound).
    bool drain(Iterator socket, qint64 nowMs);
    void close(Iterator socket);

    Limits m_limits;
    std::list<Socket> m_sockets; ///< Oldest first: each is appended when it begins to linger.
};

} // namespace Kaiwa::Server
