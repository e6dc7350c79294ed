// SPDX-License-Identifier: MIT
#include "monitoringaccess.h"

#include "transport/httprequest.h"

#include <QStringList>

namespace Kaiwa::Server {

MonitoringAccess::MonitoringAccess(QList<QPair<QHostAddress, int>> allowedSubnets, QByteArray token)
    : m_subnets(std::move(allowedSubnets))
    , m_token(std::move(token))
{
}

std::optional<QList<QPair<QHostAddress, int>>> MonitoringAccess::parseSubnets(const QString &text)
{
    QList<QPair<QHostAddress, int>> subnets;
    for (const QString &entry : text.split(u',', Qt::SkipEmptyParts)) {
        const QString trimmed = entry.trimmed();
        auto subnet = QHostAddress::parseSubnet(trimmed);
        if (subnet.first.isNull()) {
            QHostAddress host;
            if (!host.setAddress(trimmed))
                return std::nullopt;
            subnet = {host, host.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32};
        }
        subnets.append(subnet);
    }
    return subnets;
}

bool MonitoringAccess::isAllowed(const HttpRequest &request, const QHostAddress &peer) const
{
    // A daemon listening on :: sees IPv4 clients as ::ffff:a.b.c.d.
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    const QHostAddress address = isV4 ? QHostAddress(v4) : peer;
    for (const auto &subnet : m_subnets) {
        if (address.isInSubnet(subnet))
            return true;
    }
    if (m_token.isEmpty())
        return false;
    const QByteArrayView authorization = request.header("authorization");
    if (authorization.size() <= 7 || authorization.first(7).compare("bearer ", Qt::CaseInsensitive) != 0)
        return false;
    const QByteArrayView given = authorization.sliced(7).trimmed();
    if (given.size() != m_token.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < given.size(); ++i)
        difference |= static_cast<unsigned char>(given[i] ^ m_token[i]);
    return difference == 0;
}

} // namespace Kaiwa::Server
