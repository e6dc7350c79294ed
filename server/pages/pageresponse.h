// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

namespace Kaiwa::Server {

/**
 * A rendered page or static file: what the HTTP layer sends back.
 *
 * The HTTP layer adds every header itself (Content-Security-Policy, caching, length);
 * this only says which status, which Content-Type (with charset) and which bytes.
 */
struct PageResponse {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
};

} // namespace Kaiwa::Server
