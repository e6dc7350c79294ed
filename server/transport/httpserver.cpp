// SPDX-License-Identifier: MIT
#include "httpserver.h"

#include "httpresponse.h"
#include "monotonicclock.h"
#include "nativesocket.h"
#include "socketstream.h"
#include "tlsstream.h"
#include "transportlogging.h"

#include <QSslSocket>
#include <QTcpServer>
#include <QVarLengthArray>

#include <deque>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace Kaiwa::Server {

using namespace std::chrono_literals;

/**
 * The listening socket. Accepted descriptors become SocketStreams (or, with TLS, QSslSockets), never
 * QTcpSockets (which cost 16 KiB of buffers per idle connection and a system call per frame;
 * docs/performance.md).
 */
class StreamListener : public QTcpServer
{
public:
    ~StreamListener() override
    {
        for (const qintptr descriptor : m_pending)
            NativeSocket::close(descriptor);
    }
    std::optional<qintptr> nextPendingDescriptor()
    {
        if (m_pending.empty())
            return std::nullopt;
        const qintptr descriptor = m_pending.front();
        m_pending.pop_front();
        return descriptor;
    }

protected:
    void incomingConnection(qintptr descriptor) override { m_pending.push_back(descriptor); }

private:
    std::deque<qintptr> m_pending; ///< Taken right away: newConnection() follows each accept.
};

namespace {
/// Accepted connections served in one turn of the event loop.
constexpr int s_adoptedPerTurn = 256;
/// Connections that must have closed since the high-water mark before freed memory is given back.
constexpr int s_releaseAfterClosed = 256;
/// Memory freed but kept by the allocator since the last trim that is given back whatever the connection
/// count did: a few clients can free tens of MiB (large history answers they never read). Small: when a trim
/// came in the middle of such a release, what was freed after it stayed held if it was under this
/// (tst_historybudget once saw 16 MiB kept); a trim at most once a second costs about a millisecond.
constexpr size_t s_releaseAfterFreedBytes = 4 * 1024 * 1024;
/// Each supervision tick checks one slice of the connections, so every connection is checked once a
/// second while no tick walks all of them: at 15,000 connections a whole walk stalled the loop for
/// milliseconds once a second, which was the W5 p99.
constexpr quint32 s_supervisionSlices = 10;

quint32 supervisionSlice(const void *connection)
{
    // Heap addresses are 16-byte aligned; the bits above spread connections evenly over the slices.
    return quint32((quintptr(connection) >> 4) % s_supervisionSlices);
}

/// The connections of one slice, collected before any is checked: a check may close (and remove) it.
template<typename Connection>
QVarLengthArray<Connection *, 256> sliceOf(const QSet<Connection *> &connections, quint32 slice)
{
    QVarLengthArray<Connection *, 256> result;
    for (Connection *connection : connections) {
        if (supervisionSlice(connection) == slice)
            result.append(connection);
    }
    return result;
}

/// The TLS handshakes of one slice that began before `deadlineMs`.
QVarLengthArray<QSslSocket *, 256> expiredOf(const QHash<QSslSocket *, qint64> &handshakes, quint32 slice,
                                             qint64 deadlineMs)
{
    QVarLengthArray<QSslSocket *, 256> result;
    for (auto it = handshakes.cbegin(); it != handshakes.cend(); ++it) {
        if (supervisionSlice(it.key()) == slice && it.value() < deadlineMs)
            result.append(it.key());
    }
    return result;
}
} // namespace

HttpServer::HttpServer(Settings settings, RequestHandler *handler, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_handler(handler)
    , m_lingeringCloser(std::make_unique<LingeringCloser>())
    , m_tcpServer(std::make_unique<StreamListener>())
{
    // Qt's defaults (backlog 50, 30 pending) drop SYNs in a connection burst; clients then retry after 1 s.
    m_tcpServer->setListenBacklogSize(m_settings.listenBacklog);
    m_tcpServer->setMaxPendingConnections(m_settings.listenBacklog);
    connect(m_tcpServer.get(), &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
    connect(m_lingeringCloser.get(), &LingeringCloser::emptied, this, &HttpServer::checkDrained);
    m_supervisor.setInterval(1000ms / s_supervisionSlices);
    m_supervisor.setTimerType(Qt::CoarseTimer);
    connect(&m_supervisor, &QTimer::timeout, this, &HttpServer::supervise);
}

HttpServer::~HttpServer()
{
    // The connections (children) go first, while the flusher and the lingering closer their streams use
    // are still here; none of them calls back into the server meanwhile.
    for (HttpConnection *connection : std::as_const(m_httpConnections))
        connection->disconnect(this);
    for (WebSocketConnection *connection : std::as_const(m_webSockets))
        connection->disconnect(this);
    for (QSslSocket *socket : m_tlsHandshakes.keys())
        socket->disconnect(this);
    m_lingeringCloser->disconnect(this);
    while (!children().isEmpty())
        delete children().constFirst();
}

void HttpServer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tlsConfiguration = configuration;
}

void HttpServer::replaceTlsConfiguration(const QSslConfiguration &configuration)
{
    // Each handshake starts from the configuration of its time: the ones that follow use this one.
    if (m_tlsConfiguration)
        m_tlsConfiguration = configuration;
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_tcpServer->listen(address, port))
        return false;
    m_supervisor.start();
    return true;
}

quint16 HttpServer::serverPort() const
{
    return m_tcpServer->serverPort();
}

QHostAddress HttpServer::serverAddress() const
{
    return m_tcpServer->serverAddress();
}

QString HttpServer::errorString() const
{
    return m_tcpServer->errorString();
}

void HttpServer::onNewConnection()
{
    // Qt calls this after each accept, inside its accept loop. Serving the connection here ran its upgrade there
    // too (in a burst the request is already waiting), so each accept waited for an upgrade and a join (about
    // 50 us) while the kernel's accept queue (somaxconn) kept filling. The loop now only accepts, which empties the
    // queue at once; serving follows. (What overflowed that queue in the bench was the descriptor table's growth:
    // DaemonProcess.)
    if (m_adoptPosted)
        return;
    m_adoptPosted = true;
    QMetaObject::invokeMethod(this, &HttpServer::adoptAccepted, Qt::QueuedConnection);
}

void HttpServer::adoptAccepted()
{
    m_adoptPosted = false;
    // A batch per turn: the connections already served get their turns in between.
    for (int served = 0; served < s_adoptedPerTurn; ++served) {
        const auto descriptor = m_tcpServer->nextPendingDescriptor();
        if (!descriptor)
            return;
        if (m_tlsConfiguration)
            startTlsHandshake(*descriptor);
        else
            adopt(new SocketStream(*descriptor, &m_flusher));
    }
    onNewConnection();
}

void HttpServer::startTlsHandshake(qintptr descriptor)
{
    if (isRefusing()) {
        // Nothing can be said on a TLS port before a handshake, and a handshake is what a flood would
        // make the daemon pay for: end the connection at once (gracefully, so its ClientHello is
        // drained rather than answered with a reset).
        logRefusal(NativeSocket::peerAddress(descriptor));
        if (!NativeSocket::prepare(descriptor)) {
            NativeSocket::close(descriptor);
            return;
        }
        m_lingeringCloser->adopt(descriptor);
        return;
    }
    auto *socket = new QSslSocket(this);
    socket->setSslConfiguration(*m_tlsConfiguration);
    if (!socket->setSocketDescriptor(descriptor)) {
        NativeSocket::close(descriptor);
        delete socket;
        return;
    }
    m_tlsHandshakes.insert(socket, monotonicMs());
    connect(socket, &QSslSocket::encrypted, this, [this, socket] { onTlsHandshakeDone(socket); });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, socket] {
        qCDebug(lcTransport) << "TLS handshake failed with" << socket->peerAddress().toString()
                             << socket->errorString();
        dropTlsHandshake(socket);
    });
    socket->startServerEncryption();
}

void HttpServer::onTlsHandshakeDone(QSslSocket *socket)
{
    m_tlsHandshakes.remove(socket);
    socket->disconnect(this);
    // Its slot was counted during the handshake, so the limit cannot refuse it now; a shutdown can.
    adopt(new TlsStream(socket));
}

void HttpServer::dropTlsHandshake(QSslSocket *socket)
{
    if (!m_tlsHandshakes.remove(socket))
        return;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
    checkDrained();
}

void HttpServer::logRefusal(const QHostAddress &peer)
{
    if (m_settings.counters)
        ++m_settings.counters->connectionsRefused;
    // A flood of connections would otherwise be a flood of log lines: one per interval, with a count.
    quint64 suppressed = 0;
    if (m_refusalLog.admit(monotonicMs(), &suppressed)) {
        qCWarning(lcTransport).noquote() << "refusing connection from" << peer.toString()
                                         << (m_shuttingDown ? "(shutting down)" : "(too many connections)")
                                         << LogThrottle::note(suppressed);
    }
}

void HttpServer::logHeadTimeout(const QHostAddress &client)
{
    quint64 suppressed = 0;
    if (m_headTimeoutLog.admit(monotonicMs(), &suppressed))
        qCInfo(lcTransport).noquote() << "request head timed out from" << client.toString()
                                      << LogThrottle::note(suppressed);
}

void HttpServer::reportSuppressedLogs(qint64 nowMs, bool force)
{
    if (const quint64 suppressed = m_refusalLog.takeSuppressed(nowMs, force))
        qCWarning(lcTransport) << "refused" << suppressed << "more connections since the last report";
    if (const quint64 suppressed = m_headTimeoutLog.takeSuppressed(nowMs, force))
        qCInfo(lcTransport) << suppressed << "more request heads timed out since the last report";
}

void HttpServer::adopt(ByteStream *socket)
{
    socket->setLingeringCloser(m_lingeringCloser.get());
    if (isRefusing()) {
        logRefusal(socket->peerAddress());
        socket->write(HttpResponse::text(503, "Service Unavailable\n").serialize(false, false));
        socket->disconnectFromHost();
        connect(socket, &ByteStream::disconnected, socket, &QObject::deleteLater);
        socket->setParent(this);
        return;
    }
    // TCP_NODELAY is set by SocketStream (NativeSocket::prepare).
    if (m_settings.counters)
        ++m_settings.counters->connectionsAccepted;
    auto *connection = new HttpConnection(socket, m_handler, m_settings.head, m_settings.trustedProxies, this);
    m_httpConnections.insert(connection);
    m_connectionHighWater = std::max(m_connectionHighWater, connectionCount());
    connect(connection, &HttpConnection::upgraded, this, &HttpServer::adoptWebSocket);
    connect(connection, &HttpConnection::finished, this, [this, connection] {
        m_httpConnections.remove(connection);
        connection->deleteLater();
        checkDrained();
    });
    connection->start();
}

void HttpServer::adoptWebSocket(WebSocketConnection *connection)
{
    m_webSockets.insert(connection);
    connect(connection, &WebSocketConnection::disconnected, this, [this, connection] {
        m_webSockets.remove(connection);
        connection->deleteLater();
        checkDrained();
    });
}

void HttpServer::supervise()
{
    const quint32 slice = m_supervisionTick++ % s_supervisionSlices;
    // Once a second, while the connections closed before this tick are already deleted (deleteLater).
    if (slice == 0)
        releaseFreedMemory();
    const qint64 now = monotonicMs();
    // A client that opens TCP and never finishes the handshake must not hold a slot for long.
    for (QSslSocket *socket : expiredOf(m_tlsHandshakes, slice, now - m_settings.http.headTimeoutMs))
        dropTlsHandshake(socket);
    for (HttpConnection *connection : sliceOf(m_httpConnections, slice)) {
        if (connection->checkTimeouts(now, m_settings.http))
            logHeadTimeout(connection->clientAddress());
    }
    for (WebSocketConnection *connection : sliceOf(m_webSockets, slice))
        connection->checkTimeouts(now, m_settings.webSocket);
    if (slice == 0) {
        m_lingeringCloser->checkTimeouts(now);
        reportSuppressedLogs(now, false);
    }
}

void HttpServer::releaseFreedMemory()
{
    // After a burst of connections ends (thousands of silent sockets timed out, a load test), glibc
    // keeps the freed memory in fragmented heaps: measured here, RSS grew round after round of 1000
    // connections until it plateaued at twice its idle size. A few clients can leave as much behind
    // (30 that never read their history answers freed ~40 MiB that stayed). Trimming once either is
    // over gives it back, so the daemon's memory returns to its baseline (tests/hostile,
    // tst_historybudget). At most once a second, and only after many connections closed or many
    // bytes were freed: a trim walks the heap.
    const int count = connectionCount();
#if defined(__GLIBC__)
    const size_t heldFree = mallinfo2().fordblks;
    const bool freedMuch = heldFree >= m_heldFreeAfterTrim + s_releaseAfterFreedBytes;
#else
    const bool freedMuch = false;
#endif
    if (m_connectionHighWater - count < s_releaseAfterClosed && !freedMuch)
        return;
    m_connectionHighWater = count;
#if defined(__GLIBC__)
    malloc_trim(0);
    // The trimmed chunks stay free in the allocator's books (their pages went back): measure from here.
    m_heldFreeAfterTrim = mallinfo2().fordblks;
#endif
}

void HttpServer::shutdown(quint16 closeCode, QByteArrayView reason, int graceMs)
{
    m_shuttingDown = true;
    m_tcpServer->close();
    const auto handshakes = m_tlsHandshakes.keys();
    for (QSslSocket *socket : handshakes)
        dropTlsHandshake(socket);
    const auto httpConnections = m_httpConnections;
    for (HttpConnection *connection : httpConnections)
        connection->closeNow();
    const auto webSockets = m_webSockets;
    for (WebSocketConnection *connection : webSockets)
        connection->close(closeCode, reason);
    reportSuppressedLogs(monotonicMs(), true);
    QTimer::singleShot(graceMs, this, [this] {
        const auto remaining = m_webSockets;
        for (WebSocketConnection *connection : remaining)
            connection->abort();
        m_lingeringCloser->closeAll();
        checkDrained();
    });
    checkDrained();
}

void HttpServer::checkDrained()
{
    if (m_shuttingDown && m_tlsHandshakes.isEmpty() && m_httpConnections.isEmpty() && m_webSockets.isEmpty()
        && m_lingeringCloser->count() == 0 && !std::exchange(m_drainedEmitted, true))
        Q_EMIT drained();
}

} // namespace Kaiwa::Server
