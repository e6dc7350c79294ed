// SPDX-License-Identifier: MIT
#include "monitoringaccess.h"

#include "transport/httprequest.h"
#include "transport/subnets.h"

namespace Kaiwa::Server {

MonitoringAccess::MonitoringAccess(QList<QPair<QHostAddress, int>> allowedSubnets, QByteArray token)
    : m_subnets(std::move(allowedSubnets))
    , m_token(std::move(token))
{
}

std::optional<QList<QPair<QHostAddress, int>>> MonitoringAccess::parseSubnets(const QString &text)
{
    return Subnets::parse(text);
}

bool MonitoringAccess::isAllowed(const HttpRequest &request, const QHostAddress &client) const
{
    if (Subnets::contains(m_subnets, client))
        return true;
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
