// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QtGlobal>

namespace Kaiwa::Server::NativeSocket {

/**
 * The few operating-system calls SocketStream needs on an accepted, connected TCP socket. The
 * implementation is per platform (posixnativesocket.cpp); nothing else in the daemon calls the
 * socket API directly.
 */

/// Makes a freshly accepted descriptor non-blocking and turns Nagle's algorithm off.
bool prepare(qintptr descriptor);

/// The peer's address (null when unknown).
QHostAddress peerAddress(qintptr descriptor);

enum class Result {
    Ok,
    WouldBlock,
    Closed
};

/**
 * Reads what is available, up to `capacity` bytes, into `buffer`. `bytesRead` is set on Ok; Closed
 * means end of stream or a connection error.
 */
Result read(qintptr descriptor, char *buffer, qsizetype capacity, qsizetype *bytesRead);

/**
 * Writes as much of `buffers[0..count)` as the kernel takes in one call, skipping the first
 * `firstOffset` bytes of buffers[0]. `bytesWritten` is set on Ok (it may be a partial write).
 */
Result write(qintptr descriptor, const QByteArray *buffers, qsizetype count, qsizetype firstOffset,
             qsizetype *bytesWritten);

/// Most buffers one write() call takes.
qsizetype maxBuffersPerWrite();

/// Closes the descriptor.
void close(qintptr descriptor);

/**
 * Sends a FIN and keeps receiving (shutdown(SHUT_WR)): the first step of a lingering close. False when
 * the connection is already gone.
 */
bool shutdownWrite(qintptr descriptor);

/**
 * A second descriptor for the same connection, non-blocking like the first, or -1. The connection
 * stays open until both are closed: TlsStream keeps one so that QSslSocket closing its own does not
 * end the connection before the lingering close.
 */
qintptr duplicate(qintptr descriptor);

} // namespace Kaiwa::Server::NativeSocket
