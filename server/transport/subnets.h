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

/**
 * What a ban or mute of an anonymous member names (docs/hardening.md, "Anonymous bans"): an IPv4 client's address
 * ("192.0.2.7"), an IPv6 client's /64 ("2001:db8:1:2::/64"), since one host or household usually has a whole /64
 * and picks new addresses in it at will. Empty for a null address.
 */
QString clientPrefix(const QHostAddress &address);

/**
 * The client prefix an unban or unmute names as text: an address ("192.0.2.7", "2001:db8:1:2::5") or an IPv6 /64
 * ("2001:db8:1:2::/64"), as clientPrefix() gives it; empty for anything else (an account's name).
 */
QString prefixOf(const QString &text);

} // namespace Kaiwa::Server::Subnets
