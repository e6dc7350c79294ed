// SPDX-License-Identifier: MIT
#include "httpserver.h"

#include "httpresponse.h"
#include "monotonicclock.h"
#include "serverlogging.h"

#include <QTcpServer>
#include <QTcpSocket>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace Kaiwa::Server {

using namespace std::chrono_literals;

namespace {
/// Connections that must have closed since the high-water mark before freed memory is given back.
constexpr int s_releaseAfterClosed = 256;
} // namespace

HttpServer::HttpServer(Settings settings, RequestHandler *handler, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_handler(handler)
    , m_tcpServer(std::make_unique<QTcpServer>())
{
    // Qt's defaults (backlog 50, 30 pending) drop SYNs in a connection burst; clients then retry after 1 s.
    m_tcpServer->setListenBacklogSize(m_settings.listenBacklog);
    m_tcpServer->setMaxPendingConnections(m_settings.listenBacklog);
    connect(m_tcpServer.get(), &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
    m_supervisor.setInterval(1s);
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
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        if (m_shuttingDown || isFull()) {
            qCWarning(lcTransport) << "refusing connection from" << socket->peerAddress().toString()
                                   << (m_shuttingDown ? "(shutting down)" : "(too many connections)");
            socket->write(HttpResponse::text(503, "Service Unavailable\n").serialize(false, false));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            socket->setParent(this);
            continue;
        }
        // Chat frames are small and latency-bound: without TCP_NODELAY, Nagle's algorithm and the
        // peer's delayed ACK hold a frame for up to 40 ms.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
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
    // First, while the connections closed before this tick are already deleted (deleteLater).
    releaseFreedMemory();
    const qint64 now = monotonicMs();
    // Timeouts may finish connections, which edits the sets: walk copies.
    const auto httpConnections = m_httpConnections;
    for (HttpConnection *connection : httpConnections)
        connection->checkTimeouts(now, m_settings.http);
    const auto webSockets = m_webSockets;
    for (WebSocketConnection *connection : webSockets)
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
    m_tcpServer->close();
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
