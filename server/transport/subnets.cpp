// SPDX-License-Identifier: MIT
#include "subnets.h"

#include <QStringList>

namespace Kaiwa::Server::Subnets {

std::optional<List> parse(const QString &text)
{
    List subnets;
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

QHostAddress normalized(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

bool contains(const List &subnets, const QHostAddress &address)
{
    const QHostAddress plain = normalized(address);
    for (const auto &subnet : subnets) {
        if (plain.isInSubnet(subnet))
            return true;
    }
    return false;
}

} // namespace Kaiwa::Server::Subnets
