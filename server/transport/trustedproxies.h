// SPDX-License-Identifier: MIT
#pragma once

#include "subnets.h"

#include <QHostAddress>

#include <optional>

namespace Kaiwa::Server {

struct HttpRequest;

/**
 * --trusted-proxy: the reverse proxies whose `X-Forwarded-For` the daemon believes. Behind a proxy on
 * the same host every connection comes from loopback; without this, all clients would pass the
 * loopback-only /metrics check and share one sign-in throttle. The header is honoured only when the TCP
 * peer is a listed proxy (anyone else can write it), and then the client is the right-most address in
 * it that is not a listed proxy: each proxy appends the address it received the request from, so that
 * entry is the first one no trusted party vouches for. Entries left of it are the client's own claims.
 *
 * With no proxy listed (the default) the header is ignored.
 */
class TrustedProxies
{
public:
    TrustedProxies() = default;
    explicit TrustedProxies(Subnets::List proxies)
        : m_proxies(std::move(proxies))
    {
    }

    /// Parses "127.0.0.1,10.0.0.0/8,::1"; nothing on a bad entry.
    static std::optional<TrustedProxies> parse(const QString &text);

    bool isEmpty() const { return m_proxies.isEmpty(); }
    bool isTrusted(const QHostAddress &address) const { return Subnets::contains(m_proxies, address); }

    /**
     * The client's address for a request received from `peer`: `peer` itself unless it is a trusted
     * proxy that sent `X-Forwarded-For`; then the right-most address of the header that is not a
     * trusted proxy (the left-most when all are). An entry that is not an address (`unknown`, garbage)
     * makes the client unknown: a null address, which no subnet contains.
     */
    QHostAddress clientAddress(const QHostAddress &peer, const HttpRequest &request) const;

    bool operator==(const TrustedProxies &other) const { return m_proxies == other.m_proxies; }

private:
    Subnets::List m_proxies;
};

} // namespace Kaiwa::Server
