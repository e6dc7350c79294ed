// SPDX-License-Identifier: MIT
#include "trustedproxies.h"

#include "httprequest.h"

#include <QByteArrayList>

namespace Kaiwa::Server {

namespace {

/// One X-Forwarded-For entry: "203.0.113.7", "2001:db8::1", or with a port as some proxies write it,
/// "203.0.113.7:4711" or "[2001:db8::1]:4711". A null address when it is none of these.
QHostAddress forwardedAddress(QByteArrayView entry)
{
    QByteArrayView text = entry.trimmed();
    if (text.startsWith('[')) {
        const qsizetype close = text.indexOf(']');
        if (close < 0 || (close + 1 < text.size() && text[close + 1] != ':'))
            return {};
        text = text.sliced(1, close - 1);
    } else if (text.count(':') == 1) {
        text = text.first(text.indexOf(':'));
    }
    QHostAddress address;
    if (text.isEmpty() || !address.setAddress(QString::fromLatin1(text)))
        return {};
    return Subnets::normalized(address);
}

} // namespace

std::optional<TrustedProxies> TrustedProxies::parse(const QString &text)
{
    auto proxies = Subnets::parse(text);
    if (!proxies)
        return std::nullopt;
    return TrustedProxies(std::move(*proxies));
}

QHostAddress TrustedProxies::clientAddress(const QHostAddress &peer, const HttpRequest &request) const
{
    if (!isTrusted(peer))
        return peer;
    // Several header lines form one list, in order (RFC 9110 5.3).
    QByteArrayList hops;
    for (const auto &[name, value] : request.headers) {
        if (name == "x-forwarded-for")
            hops += value.split(',');
    }
    QHostAddress client = peer;
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        client = forwardedAddress(*hop);
        if (client.isNull() || !isTrusted(client))
            return client;
    }
    return client;
}

} // namespace Kaiwa::Server
