// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

namespace Kaiwa::Server {

/// A complete HTTP response; the transport adds Content-Length, Date, Connection and security headers.
struct HttpResponse {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers; ///< Extra headers, e.g. Location.

    HttpResponse &addHeader(QByteArray name, QByteArray value)
    {
        headers.append(std::pair{std::move(name), std::move(value)});
        return *this;
    }

    static HttpResponse text(int status, QByteArray body);
    static HttpResponse json(int status, QByteArray body);
    static HttpResponse redirect(QByteArray location);

    /**
     * Serialises the response; HEAD responses carry the headers of the body but not the body.
     * `strictTransportSecurity` adds HSTS (one year): for https responses (HttpConnection decides).
     */
    QByteArray serialize(bool headRequest, bool keepAlive, bool strictTransportSecurity = false) const;

    static QByteArray reasonPhrase(int status);
};

} // namespace Kaiwa::Server
