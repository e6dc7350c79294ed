// SPDX-License-Identifier: MIT
#include "httpserver.h"

#include "httpresponse.h"
#include "monotonicclock.h"
#include "serverlogging.h"
#include "socketstream.h"
#include "tlsstream.h"

#include <QSslServer>
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
 * The listening socket. Accepted descriptors become SocketStreams, never QTcpSockets (which cost
 * 16 KiB of buffers per idle connection and a system call per frame; docs/performance.md).
 */
class StreamListener : public QTcpServer
{
public:
    ~StreamListener() override { qDeleteAll(m_pending); }
    SocketStream *nextPendingStream()
    {
        if (m_pending.empty())
            return nullptr;
        SocketStream *stream = m_pending.front();
        m_pending.pop_front();
        return stream;
    }

protected:
    void incomingConnection(qintptr descriptor) override { m_pending.push_back(new SocketStream(descriptor)); }

private:
    std::deque<SocketStream *> m_pending; ///< Taken right away: newConnection() follows each accept.
};

namespace {
/// Connections that must have closed since the high-water mark before freed memory is given back.
constexpr int s_releaseAfterClosed = 256;
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
} // namespace

HttpServer::HttpServer(Settings settings, RequestHandler *handler, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_handler(handler)
    , m_tcpServer(std::make_unique<StreamListener>())
{
    // Qt's defaults (backlog 50, 30 pending) drop SYNs in a connection burst; clients then retry after 1 s.
    m_tcpServer->setListenBacklogSize(m_settings.listenBacklog);
    m_tcpServer->setMaxPendingConnections(m_settings.listenBacklog);
    connect(m_tcpServer.get(), &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
    m_supervisor.setInterval(1000ms / s_supervisionSlices);
    m_supervisor.setTimerType(Qt::CoarseTimer);
    connect(&m_supervisor, &QTimer::timeout, this, &HttpServer::supervise);
}

HttpServer::~HttpServer()
{
    // Connections are children; make sure none calls back into a half-destroyed server.
    for (HttpConnection *connection : std::as_const(m_httpConnections))
        connection->disconnect(this);
    for (WebSocketConnection *connection : std::as_const(m_webSockets))
        connection->disconnect(this);
}

void HttpServer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tlsServer = std::make_unique<QSslServer>();
    m_tlsServer->setSslConfiguration(configuration);
    // A client that opens TCP and never finishes the handshake must not hold a socket forever.
    m_tlsServer->setHandshakeTimeout(int(m_settings.http.headTimeoutMs));
    m_tlsServer->setListenBacklogSize(m_settings.listenBacklog);
    m_tlsServer->setMaxPendingConnections(m_settings.listenBacklog);
    connect(m_tlsServer.get(), &QTcpServer::pendingConnectionAvailable, this, &HttpServer::onNewTlsConnection);
    connect(m_tlsServer.get(), &QSslServer::errorOccurred, this, [](QSslSocket *socket, QAbstractSocket::SocketError) {
        qCDebug(lcTransport) << "TLS handshake failed with" << socket->peerAddress().toString() << socket->errorString();
    });
}

void HttpServer::replaceTlsConfiguration(const QSslConfiguration &configuration)
{
    // QSslServer hands its configuration to each socket it accepts: the handshakes that follow use this one.
    if (m_tlsServer)
        m_tlsServer->setSslConfiguration(configuration);
}

QTcpServer *HttpServer::listener() const
{
    return m_tlsServer ? static_cast<QTcpServer *>(m_tlsServer.get()) : m_tcpServer.get();
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (!listener()->listen(address, port))
        return false;
    m_supervisor.start();
    return true;
}

quint16 HttpServer::serverPort() const
{
    return listener()->serverPort();
}

QHostAddress HttpServer::serverAddress() const
{
    return listener()->serverAddress();
}

QString HttpServer::errorString() const
{
    return listener()->errorString();
}

void HttpServer::onNewConnection()
{
    while (SocketStream *socket = m_tcpServer->nextPendingStream())
        adopt(socket);
}

void HttpServer::onNewTlsConnection()
{
    // QSslServer hands out sockets whose handshake has completed.
    while (QTcpSocket *socket = m_tlsServer->nextPendingConnection()) {
        if (auto *tls = qobject_cast<QSslSocket *>(socket))
            adopt(new TlsStream(tls));
        else
            socket->deleteLater();
    }
}

void HttpServer::adopt(ByteStream *socket)
{
    {
        if (m_shuttingDown || isFull()) {
            qCWarning(lcTransport) << "refusing connection from" << socket->peerAddress().toString()
                                   << (m_shuttingDown ? "(shutting down)" : "(too many connections)");
            if (m_settings.counters)
                ++m_settings.counters->connectionsRefused;
            socket->write(HttpResponse::text(503, "Service Unavailable\n").serialize(false, false));
            socket->disconnectFromHost();
            connect(socket, &ByteStream::disconnected, socket, &QObject::deleteLater);
            socket->setParent(this);
            return;
        }
        // TCP_NODELAY is set by SocketStream (NativeSocket::prepare).
        if (m_settings.counters)
            ++m_settings.counters->connectionsAccepted;
        auto *connection = new HttpConnection(socket, m_handler, m_settings.head, this);
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
    for (HttpConnection *connection : sliceOf(m_httpConnections, slice))
        connection->checkTimeouts(now, m_settings.http);
    for (WebSocketConnection *connection : sliceOf(m_webSockets, slice))
        connection->checkTimeouts(now, m_settings.webSocket);
}

void HttpServer::releaseFreedMemory()
{
    // After a burst of connections ends (thousands of silent sockets timed out, a load test), glibc
    // keeps the freed memory in fragmented heaps: measured here, RSS grew round after round of 1000
    // connections until it plateaued at twice its idle size. Trimming once the burst is over gives
    // it back, so the daemon's memory returns to its baseline (tests/hostile). At most once a
    // second, and only after many connections closed.
    const int count = connectionCount();
    if (m_connectionHighWater - count < s_releaseAfterClosed)
        return;
    m_connectionHighWater = count;
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void HttpServer::shutdown(quint16 closeCode, QByteArrayView reason, int graceMs)
{
    m_shuttingDown = true;
    listener()->close();
    const auto httpConnections = m_httpConnections;
    for (HttpConnection *connection : httpConnections)
        connection->closeNow();
    const auto webSockets = m_webSockets;
    for (WebSocketConnection *connection : webSockets)
        connection->close(closeCode, reason);
    QTimer::singleShot(graceMs, this, [this] {
        const auto remaining = m_webSockets;
        for (WebSocketConnection *connection : remaining)
            connection->abort();
        checkDrained();
    });
    checkDrained();
}

void HttpServer::checkDrained()
{
    if (m_shuttingDown && m_httpConnections.isEmpty() && m_webSockets.isEmpty())
        Q_EMIT drained();
}

} // namespace Kaiwa::Server
