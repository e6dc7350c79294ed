// SPDX-License-Identifier: MIT
#include "authenticator.h"

#include "sessiontoken.h"
#include "storage/accountstore.h"
#include "transport/httprequest.h"

namespace Kaiwa::Server {

Authenticator::Authenticator(AccountStore *accounts)
    : m_accounts(accounts)
{
}

QByteArray Authenticator::bearerToken(const HttpRequest &request)
{
    const QByteArrayView authorization = request.header("authorization");
    if (authorization.size() > 7 && authorization.first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return authorization.sliced(7).trimmed().toByteArray();
    return request.queryItem("token").value_or(QByteArray());
}

QByteArray Authenticator::cookieToken(const HttpRequest &request)
{
    // Every Cookie line: a proxy may split them.
    for (const auto &[name, value] : request.headers) {
        if (name != "cookie")
            continue;
        for (const QByteArray &pair : value.split(';')) {
            const QByteArray trimmed = pair.trimmed();
            const qsizetype equals = trimmed.indexOf('=');
            if (equals > 0 && QByteArrayView(trimmed).first(equals) == cookieName)
                return trimmed.sliced(equals + 1);
        }
    }
    return {};
}

std::optional<QString> Authenticator::lookup(QByteArrayView token) const
{
    if (!m_accounts || !SessionToken::isWellFormed(token))
        return std::nullopt;
    return m_accounts->sessionAccount(SessionToken::hash(token), QDateTime::currentDateTimeUtc());
}

Authenticator::Identity Authenticator::identify(const HttpRequest &request) const
{
    const QByteArray bearer = bearerToken(request);
    if (!bearer.isEmpty()) {
        if (const auto account = lookup(bearer))
            return {Identity::Kind::Account, *account};
        return {Identity::Kind::Rejected, {}};
    }
    const QByteArray cookie = cookieToken(request);
    if (!cookie.isEmpty()) {
        if (const auto account = lookup(cookie))
            return {Identity::Kind::Account, *account};
    }
    return {};
}

std::optional<Authenticator::Session> Authenticator::startSession(const QString &account, qint64 lifetimeSeconds)
{
    if (!m_accounts)
        return std::nullopt;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_accounts->removeExpiredSessions(now);
    Session session{SessionToken::generate(), account, now.addSecs(lifetimeSeconds)};
    if (!m_accounts->addSession(SessionToken::hash(session.token), account, session.expires))
        return std::nullopt;
    return session;
}

void Authenticator::endSession(const HttpRequest &request)
{
    if (!m_accounts)
        return;
    for (const QByteArray &token : {bearerToken(request), cookieToken(request)}) {
        if (SessionToken::isWellFormed(token))
            m_accounts->removeSession(SessionToken::hash(token));
    }
}

} // namespace Kaiwa::Server
