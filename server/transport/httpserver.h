// SPDX-License-Identifier: MIT
#pragma once

#include "httpconnection.h"
#include "httprequest.h"
#include "websocketconnection.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>

class QSslServer;
class QTcpServer;

namespace Kaiwa::Server {

class ByteStream;
class RequestHandler;
class StreamListener;

/**
 * The daemon's one listening port: HTTP/1.1 pages and WebSocket upgrades, with the limits and
 * timeouts that Qt 6.4's QHttpServer lacks (head size, head and idle timeouts, maximum
 * connections, keepalive pings, a large listen backlog so connection bursts are not dropped).
 *
 * Owns every connection. One supervision timer checks each of them once a second (a tenth of them
 * every 100 ms), instead of a QTimer per connection, which keeps idle connections cheap.
 */
class HttpServer : public QObject
{
    Q_OBJECT
public:
    struct Settings {
        HttpRequestParser::Limits head;
        HttpConnection::Timeouts http;
        WebSocketConnection::Timeouts webSocket;
        int maxConnections = 10000;
        int listenBacklog = 4096;
        TransportCounters *counters = nullptr; ///< Not owned; null counts nothing.
    };

    HttpServer(Settings settings, RequestHandler *handler, QObject *parent = nullptr);
    ~HttpServer() override;

    /**
     * Serves https and wss instead of http and ws (call before listen()): a QSslServer accepts and
     * completes the TLS handshake within the head timeout, then each connection is a TlsStream.
     * Plain connections keep the SocketStream fast path.
     */
    void setTlsConfiguration(const QSslConfiguration &configuration);
    /// A new certificate and key (SIGHUP) for connections accepted from now on; open ones keep theirs.
    void replaceTlsConfiguration(const QSslConfiguration &configuration);
    bool isTls() const { return m_tlsServer != nullptr; }

    /// Listens on the address and port (0 picks a free one). False with errorString() on failure.
    bool listen(const QHostAddress &address, quint16 port);
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    QString errorString() const;

    /// Every connection, HTTP or WebSocket.
    int connectionCount() const { return int(m_httpConnections.size() + m_webSockets.size()); }
    int webSocketCount() const { return int(m_webSockets.size()); }
    bool isFull() const { return connectionCount() >= m_settings.maxConnections; }

    /**
     * Stops accepting, closes every WebSocket with `closeCode` and every HTTP connection, and emits
     * drained() once all are gone (or after `graceMs`, aborting the rest).
     */
    void shutdown(quint16 closeCode, QByteArrayView reason, int graceMs = 3000);

Q_SIGNALS:
    void drained();

private:
    void onNewConnection();
    void onNewTlsConnection();
    /// Takes an accepted stream: serves it, or refuses it (503) when full or shutting down.
    void adopt(ByteStream *socket);
    QTcpServer *listener() const;
    void adoptWebSocket(WebSocketConnection *connection);
    void supervise();
    void checkDrained();
    void releaseFreedMemory();

    Settings m_settings;
    RequestHandler *m_handler;
    std::unique_ptr<StreamListener> m_tcpServer;
    std::unique_ptr<QSslServer> m_tlsServer; ///< Only with setTlsConfiguration(); then it is the listener.
    QSet<HttpConnection *> m_httpConnections;
    QSet<WebSocketConnection *> m_webSockets;
    QTimer m_supervisor;
    quint32 m_supervisionTick = 0;
    bool m_shuttingDown = false;
    int m_connectionHighWater = 0; ///< Most connections since memory was last given back.
};

} // namespace Kaiwa::Server
