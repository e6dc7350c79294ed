// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayList>

namespace Kaiwa::Server {

struct HttpRequest;

/**
 * Channels' AllowedHostsOriginValidator for WebSocket upgrades: a request with an Origin header
 * (a browser) is accepted only when the origin's host and port are the Host it connected to, or
 * the origin is listed. Requests without Origin (desktop clients, scripts) are accepted: a
 * browser always sends Origin on a WebSocket upgrade, so no page of another site can get in.
 * A request with more than one Origin header is refused whatever they say.
 */
class OriginPolicy
{
public:
    /// `allowedOrigins`: exact origins such as "https://chat.example.com", or "*" for any.
    explicit OriginPolicy(QByteArrayList allowedOrigins = {});

    bool isAllowed(const HttpRequest &request) const;

    /// "host" or "host:port" in lowercase, without the scheme's default port.
    static QByteArray normalizedAuthority(QByteArrayView scheme, QByteArrayView authority);

private:
    QByteArrayList m_allowedOrigins;
    bool m_allowAny = false;
};

} // namespace Kaiwa::Server
