// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>

namespace Kaiwa::Server {

struct HttpRequest;

/**
 * Who may read `GET /metrics` and `GET /healthz`: clients in the allowed subnets (by default
 * loopback only: 127.0.0.0/8 and ::1), or anyone presenting `Authorization: Bearer <token>` when a
 * token is configured (--metrics-token). The token is compared in constant time.
 */
class MonitoringAccess
{
public:
    MonitoringAccess() = default;
    MonitoringAccess(QList<QPair<QHostAddress, int>> allowedSubnets, QByteArray token);

    /// Parses "127.0.0.0/8,::1/128" (a bare address means that one host); nothing on a bad entry.
    static std::optional<QList<QPair<QHostAddress, int>>> parseSubnets(const QString &text);

    /// `client`: the TCP peer, or the address a trusted proxy gave (HttpConnection::clientAddress()).
    bool isAllowed(const HttpRequest &request, const QHostAddress &client) const;

private:
    QList<QPair<QHostAddress, int>> m_subnets;
    QByteArray m_token;
};

} // namespace Kaiwa::Server
