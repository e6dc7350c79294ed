// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

namespace Kaiwa::Server {

/**
 * A `--redis` value: `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]`.
 *
 * - The password (and, for Redis 6 ACLs, the user) is sent with AUTH on every connection.
 * - Pub/sub ignores Redis databases, so DB only names a namespace: the channels of DB n are
 *   `kaiwa:<n>:...`, and daemons on different DBs of one server do not hear each other.
 * - `rediss://` (TLS) is refused: Debian 12's hiredis 0.14 has no TLS support (hiredis_ssl
 *   arrived in hiredis 1.0). Use a TLS tunnel (stunnel, spiped) and point redis:// at it.
 */
struct RedisUrl {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6379;
    QString user;
    QString password;
    int database = 0;

    /// The parsed URL, or nothing with a reason in *error.
    static std::optional<RedisUrl> parse(const QString &text, QString *error = nullptr);

    /// Prefix of every pub/sub channel name of this deployment, e.g. "kaiwa:0:".
    QByteArray channelPrefix() const;
    /// The URL without its password, for logs.
    QString displayString() const;
};

} // namespace Kaiwa::Server
