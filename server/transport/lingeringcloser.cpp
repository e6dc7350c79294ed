// SPDX-License-Identifier: MIT
#include "lingeringcloser.h"

#include "monotonicclock.h"
#include "nativesocket.h"

#include <QSocketNotifier>

namespace Kaiwa::Server {

namespace {
/// One read's worth; what arrived beyond it is read on the next notification (they are level-triggered).
constexpr qsizetype s_discardChunk = 64 * 1024;
/// Reads per notification: enough to keep up with a fast sender without starving the other sockets.
constexpr int s_readsPerNotification = 4;
} // namespace

LingeringCloser::LingeringCloser(Limits limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
{
}

LingeringCloser::~LingeringCloser()
{
    for (Socket &socket : m_sockets) {
        delete socket.notifier;
        NativeSocket::close(socket.descriptor);
    }
}

void LingeringCloser::adopt(qintptr descriptor)
{
    if (descriptor < 0)
        return;
    // Sends the FIN after the answer: the client reads the answer, then end of stream. A connection the
    // client has already reset has nothing to linger for.
    if (!NativeSocket::shutdownWrite(descriptor)) {
        NativeSocket::close(descriptor);
        return;
    }
    if (count() >= m_limits.maxSockets)
        close(m_sockets.begin()); // the oldest has had the longest to finish
    const qint64 now = monotonicMs();
    m_sockets.push_back(Socket{descriptor, nullptr, now, now});
    const Iterator socket = std::prev(m_sockets.end());
    socket->notifier = new QSocketNotifier(descriptor, QSocketNotifier::Read, this);
    connect(socket->notifier, &QSocketNotifier::activated, this, [this, socket] { drain(socket, monotonicMs()); });
}

bool LingeringCloser::drain(Iterator socket, qint64 nowMs)
{
    // Shared by every lingering socket of the thread: what is read is dropped at once.
    thread_local char t_discard[s_discardChunk];
    for (int i = 0; i < s_readsPerNotification; ++i) {
        qsizetype received = 0;
        switch (NativeSocket::read(socket->descriptor, t_discard, s_discardChunk, &received)) {
        case NativeSocket::Result::Ok:
            socket->discarded += received;
            socket->lastInputMs = nowMs;
            if (socket->discarded > m_limits.maxBytes) {
                close(socket);
                return false;
            }
            break;
        case NativeSocket::Result::WouldBlock:
            return true;
        case NativeSocket::Result::Closed:
            close(socket); // the client closed (or reset): nothing is lost any more
            return false;
        }
    }
    return true;
}

void LingeringCloser::checkTimeouts(qint64 nowMs)
{
    for (auto it = m_sockets.begin(); it != m_sockets.end();) {
        const Iterator socket = it++; // close() erases it
        if (nowMs - socket->sinceMs > m_limits.maxTimeMs) {
            close(socket);
            continue;
        }
        // Bytes may be waiting for a notification not yet delivered (a busy loop): read before calling
        // the client idle.
        if (nowMs - socket->lastInputMs > m_limits.idleTimeoutMs && drain(socket, nowMs)
            && nowMs - socket->lastInputMs > m_limits.idleTimeoutMs)
            close(socket);
    }
}

void LingeringCloser::closeAll()
{
    while (!m_sockets.empty())
        close(m_sockets.begin());
}

void LingeringCloser::close(Iterator socket)
{
    delete socket->notifier; // may be the notifier whose signal is being delivered: Qt allows that
    NativeSocket::close(socket->descriptor);
    m_sockets.erase(socket);
    if (m_sockets.empty())
        Q_EMIT emptied();
}

} // namespace Kaiwa::Server
