// SPDX-License-Identifier: MIT
#pragma once

#include "lingeringcloser.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

namespace Kaiwa::Server {

/**
 * An accepted connection as HttpConnection and WebSocketConnection use it: bytes in, bytes out,
 * closing. Two implementations: SocketStream (plain TCP on a raw descriptor, the fast path) and
 * TlsStream (a QSslSocket, for --tls-cert), so TLS costs nothing on plain connections.
 */
class ByteStream : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~ByteStream() override = default;

    /// False once closed (by either side, or after an error).
    virtual bool isOpen() const = 0;
    virtual QHostAddress peerAddress() const = 0;
    /// True for TLS (https, wss).
    virtual bool isEncrypted() const { return false; }

    /// The bytes received since the last call.
    virtual QByteArray readAll() = 0;
    virtual qsizetype bytesAvailable() const = 0;

    /// Queues bytes to send.
    virtual void write(const QByteArray &bytes) = 0;
    /// What is queued and not yet taken by the kernel (exact enough to bound a slow reader).
    virtual qint64 bytesToWrite() const = 0;

    /**
     * Stops reading, sends what is queued, then closes and emits disconnected(). With a lingering
     * closer, the connection is handed to it instead of closed, unless the peer has closed already:
     * the stream is done (disconnected()), and the closer drains what the peer still sends.
     */
    virtual void disconnectFromHost() = 0;
    /// Closes at once, dropping what is queued; emits disconnected() if it was open.
    virtual void abort() = 0;

    /// Where disconnectFromHost() hands the connection (not owned); none closes at once.
    void setLingeringCloser(LingeringCloser *closer) { m_lingeringCloser = closer; }

Q_SIGNALS:
    /// New bytes for readAll().
    void readyRead();
    /// The connection is closed; emitted once.
    void disconnected();

protected:
    QPointer<LingeringCloser> m_lingeringCloser;
};

} // namespace Kaiwa::Server
