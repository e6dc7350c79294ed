// SPDX-License-Identifier: MIT
#pragma once

#include "httpconnection.h"
#include "httprequest.h"
#include "lingeringcloser.h"
#include "logthrottle.h"
#include "socketstreamflusher.h"
#include "trustedproxies.h"
#include "websocketconnection.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>
#include <optional>

class QSslSocket;
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
 * Owns every connection, and what their streams hand work to: the SocketStreamFlusher that writes
 * them once per event loop turn and the LingeringCloser that ends them. The connections go first when
 * the server is destroyed, then the members in reverse order of declaration. One supervision timer
 * checks each connection once a second (a tenth of them every 100 ms), instead of a QTimer per
 * connection, which keeps idle connections cheap; it also bounds TLS handshakes and the lingering
 * close every connection ends with.
 */
class HttpServer : public QObject
{
    Q_OBJECT
public:
    struct Settings {
        HttpRequestParser::Limits head;
        HttpConnection::Timeouts http;
        WebSocketConnection::Timeouts webSocket;
        int maxConnections = 10000; ///< Counts TLS handshakes in progress too.
        int listenBacklog = 4096;
        TrustedProxies trustedProxies;         ///< Whose X-Forwarded-For names the client (--trusted-proxy).
        TransportCounters *counters = nullptr; ///< Not owned; null counts nothing.
    };

    HttpServer(Settings settings, RequestHandler *handler, QObject *parent = nullptr);
    ~HttpServer() override;

    /**
     * Serves https and wss instead of http and ws (call before listen()): each accepted connection
     * completes the TLS handshake within the head timeout (counted against the connection limit
     * meanwhile), then is a TlsStream. Plain connections keep the SocketStream fast path.
     */
    void setTlsConfiguration(const QSslConfiguration &configuration);
    /// A new certificate and key (SIGHUP) for connections accepted from now on; open ones keep theirs.
    void replaceTlsConfiguration(const QSslConfiguration &configuration);
    bool isTls() const { return m_tlsConfiguration.has_value(); }

    /// Listens on the address and port (0 picks a free one). False with errorString() on failure.
    bool listen(const QHostAddress &address, quint16 port);
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    QString errorString() const;

    /// Every connection: in the TLS handshake, HTTP or WebSocket (not those lingering after their close).
    int connectionCount() const { return int(m_tlsHandshakes.size() + m_httpConnections.size() + m_webSockets.size()); }
    int webSocketCount() const { return int(m_webSockets.size()); }
    bool isFull() const { return connectionCount() >= m_settings.maxConnections; }

    /**
     * Stops accepting, closes every WebSocket with `closeCode` and every HTTP connection, and emits
     * drained() once all are gone and none lingers (or after `graceMs`, aborting the rest).
     */
    void shutdown(quint16 closeCode, QByteArrayView reason, int graceMs = 3000);

Q_SIGNALS:
    void drained();

private:
    void onNewConnection();
    /// Serves (or refuses) what was accepted, a batch per event loop turn (see onNewConnection()).
    void adoptAccepted();
    /// Begins the server side of a TLS handshake on an accepted descriptor, or refuses it when full.
    void startTlsHandshake(qintptr descriptor);
    void onTlsHandshakeDone(QSslSocket *socket);
    void dropTlsHandshake(QSslSocket *socket);
    /// Takes an accepted stream: serves it, or refuses it (503) when full or shutting down.
    void adopt(ByteStream *socket);
    bool isRefusing() const { return m_shuttingDown || isFull(); }
    void logRefusal(const QHostAddress &peer);
    void logHeadTimeout(const QHostAddress &client);
    /// Logs how many lines the throttles held back, once their interval has passed (or now, with `force`).
    void reportSuppressedLogs(qint64 nowMs, bool force);
    void adoptWebSocket(WebSocketConnection *connection);
    void supervise();
    void checkDrained();
    void releaseFreedMemory();

    Settings m_settings;
    RequestHandler *m_handler;
    SocketStreamFlusher m_flusher; ///< Before everything that writes: it outlives the connections' streams.
    std::unique_ptr<LingeringCloser> m_lingeringCloser; ///< Streams hold it in a QPointer.
    std::unique_ptr<StreamListener> m_tcpServer;
    std::optional<QSslConfiguration> m_tlsConfiguration;
    QHash<QSslSocket *, qint64> m_tlsHandshakes; ///< Children in the handshake, with when it began.
    QSet<HttpConnection *> m_httpConnections;
    QSet<WebSocketConnection *> m_webSockets;
    QTimer m_supervisor;
    quint32 m_supervisionTick = 0;
    bool m_shuttingDown = false;
    bool m_adoptPosted = false; ///< adoptAccepted() is queued.
    bool m_drainedEmitted = false;
    int m_connectionHighWater = 0;  ///< Most connections since memory was last given back.
    size_t m_heldFreeAfterTrim = 0; ///< Free bytes the allocator held right after the last trim (glibc).
    LogThrottle m_refusalLog;       ///< "refusing connection": a client can cause one per connection.
    LogThrottle m_headTimeoutLog;   ///< "request head timed out": thousands of silent connections, each one.
};

} // namespace Kaiwa::Server
