// SPDX-License-Identifier: MIT
#include "subnets.h"

#include <QStringList>

#include <algorithm>
#include <iterator>

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

QString clientPrefix(const QHostAddress &address)
{
    const QHostAddress plain = normalized(address);
    if (plain.isNull())
        return {};
    if (plain.protocol() != QAbstractSocket::IPv6Protocol)
        return plain.toString();
    Q_IPV6ADDR bytes = plain.toIPv6Address();
    std::fill(std::begin(bytes.c) + 8, std::end(bytes.c), quint8(0));
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

QString prefixOf(const QString &text)
{
    const QHostAddress address(text);
    if (!address.isNull())
        return clientPrefix(address);
    const auto subnet = QHostAddress::parseSubnet(text);
    if (subnet.first.protocol() == QAbstractSocket::IPv6Protocol && subnet.second == 64)
        return clientPrefix(subnet.first);
    return {};
}

} // namespace Kaiwa::Server::Subnets
