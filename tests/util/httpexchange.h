// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>

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
     * added; `Content-Length` too when there is a body) and reads the whole response.
     * `extraHeaders` are complete lines, each ending in "\r\n".
     */
    static HttpExchange run(quint16 port, QByteArrayView method, QByteArrayView target,
                            const QByteArray &extraHeaders = {}, const QByteArray &body = {});
};

} // namespace KaiwaTest
