// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>

#include <memory>

class QTcpSocket;

namespace KaiwaTest {

/// One HTTP response read to the end of a `Connection: close` exchange.
struct HttpExchange {
    int status = 0;
    QByteArray head; ///< Status line and headers as received.
    QByteArray body;

    /// Every value of a header (name case-insensitive).
    QList<QByteArray> headers(QByteArrayView name) const;
    /// The first value of a header, or empty.
    QByteArray header(QByteArrayView name) const;

    /**
     * Sends one request to 127.0.0.1:port on a fresh connection (`Host` and `Connection: close` are
     * added; `Content-Length` too when there is a body) and reads the whole response. The event loop
     * runs meanwhile, so the server may be in this process.
     * `extraHeaders` are complete lines, each ending in "\r\n".
     */
    static HttpExchange run(quint16 port, QByteArrayView method, QByteArrayView target,
                            const QByteArray &extraHeaders = {}, const QByteArray &body = {});
    /// A session token from `POST /login` (JSON), as the desktop client gets one; empty when it was refused.
    static QByteArray signIn(quint16 port, const QByteArray &name, const QByteArray &password);
};

/**
 * One HttpExchange in flight: the request goes out as soon as the connection is up, the answer comes
 * in while the event loop runs. Several at once are several clients at once (concurrent sign-ins).
 */
class HttpRequestInFlight
{
public:
    /// Connects and sends the request as HttpExchange::run() describes.
    HttpRequestInFlight(quint16 port, QByteArrayView method, QByteArrayView target, const QByteArray &extraHeaders = {},
                        const QByteArray &body = {});
    HttpRequestInFlight(HttpRequestInFlight &&) noexcept;
    ~HttpRequestInFlight();

    /// Waits until the server closed the connection, or sent nothing for `idleMs`; what it answered.
    HttpExchange finish(int idleMs = 10000);

private:
    std::unique_ptr<QTcpSocket> m_socket;
};

} // namespace KaiwaTest
