// SPDX-License-Identifier: MIT
#pragma once

#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace Kaiwa::Server {

/**
 * The TLS configuration of `--tls-cert` and `--tls-key`: a PEM certificate chain and its unencrypted
 * RSA, EC or DSA key, TLS 1.2 or later, no client certificates (clients authenticate with accounts).
 * Read at start and again on SIGHUP, when a broken new pair must not replace the working one: a
 * key that does not belong to the certificate is refused here rather than failing every handshake.
 */
class TlsCredentials
{
public:
    /// The configuration, or nothing with the reason in *error.
    static std::optional<QSslConfiguration> load(const QString &certificatePath, const QString &keyPath,
                                                 QString *error);
    /// "CN=..., valid until ...", for the log.
    static QString describe(const QSslConfiguration &configuration);
};

} // namespace Kaiwa::Server
