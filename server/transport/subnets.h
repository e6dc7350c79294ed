// SPDX-License-Identifier: MIT
#pragma once

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace Kaiwa::Server::Subnets {

/// Addresses and subnets, as --monitoring-allow and --trusted-proxy take them.
using List = QList<QPair<QHostAddress, int>>;

/// Parses "127.0.0.0/8,::1" (a bare address means that one host); nothing on a bad entry.
std::optional<List> parse(const QString &text);

/// An IPv4 client as a daemon listening on :: sees it (::ffff:a.b.c.d) becomes a.b.c.d.
QHostAddress normalized(const QHostAddress &address);

/// True when the address (normalized) is in one of the subnets.
bool contains(const List &subnets, const QHostAddress &address);

} // namespace Kaiwa::Server::Subnets
