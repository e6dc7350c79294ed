// SPDX-License-Identifier: MIT
#include "originpolicy.h"

#include "transport/httprequest.h"

namespace Kaiwa::Server {

OriginPolicy::OriginPolicy(QByteArrayList allowedOrigins)
    : m_allowedOrigins(std::move(allowedOrigins))
    , m_allowAny(m_allowedOrigins.contains("*"))
{
    for (QByteArray &origin : m_allowedOrigins) {
        origin = origin.trimmed().toLower();
        if (origin.endsWith('/'))
            origin.chop(1);
    }
}

QByteArray OriginPolicy::normalizedAuthority(QByteArrayView scheme, QByteArrayView authority)
{
    QByteArray result = authority.toByteArray().toLower();
    const QByteArray defaultPort = (scheme == "https" || scheme == "wss") ? ":443" : ":80";
    // An IPv6 literal ends with ']' unless a port follows it.
    if (result.endsWith(defaultPort) && !result.endsWith(']' + defaultPort.mid(1)))
        result.chop(defaultPort.size());
    return result;
}

bool OriginPolicy::isAllowed(const HttpRequest &request) const
{
    if (!request.hasHeader("origin"))
        return true;
    // A browser sends one Origin. Two would let a check of the first pass what a proxy reading the
    // last (or a joined list) sees differently.
    if (request.headerCount("origin") > 1)
        return false;
    if (m_allowAny)
        return true;
    const QByteArray origin = request.header("origin").toByteArray().trimmed().toLower();
    if (m_allowedOrigins.contains(origin))
        return true;
    const qsizetype separator = origin.indexOf("://");
    if (separator <= 0)
        return false; // "null" (sandboxed frames, file://) and garbage
    const QByteArray scheme = origin.first(separator);
    if (scheme != "http" && scheme != "https")
        return false;
    const QByteArray host = request.header("host").toByteArray();
    if (host.isEmpty())
        return false;
    return normalizedAuthority(scheme, origin.sliced(separator + 3)) == normalizedAuthority(scheme, host);
}

} // namespace Kaiwa::Server
