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
    return {};
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

std::optional<Authenticator::Identity> Authenticator::lookup(QByteArrayView token) const
{
    if (!m_accounts || !SessionToken::isWellFormed(token))
        return std::nullopt;
    QByteArray hash = SessionToken::hash(token);
    const auto account = m_accounts->sessionAccount(hash, QDateTime::currentDateTimeUtc());
    if (!account)
        return std::nullopt;
    return Identity{Identity::Kind::Account, *account, std::move(hash)};
}

Authenticator::Identity Authenticator::identify(const HttpRequest &request) const
{
    return resolve(request, bearerToken(request));
}

Authenticator::Identity Authenticator::identifyUpgrade(const HttpRequest &request) const
{
    QByteArray bearer = bearerToken(request);
    if (bearer.isEmpty())
        bearer = request.queryItem("token").value_or(QByteArray());
    return resolve(request, bearer);
}

Authenticator::Identity Authenticator::resolve(const HttpRequest &request, QByteArrayView bearer) const
{
    if (!bearer.isEmpty())
        return lookup(bearer).value_or(Identity{Identity::Kind::Rejected, {}, {}});
    const QByteArray cookie = cookieToken(request);
    if (!cookie.isEmpty()) {
        if (auto identity = lookup(cookie))
            return *identity;
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

QList<QByteArray> Authenticator::endSession(const HttpRequest &request)
{
    QList<QByteArray> ended;
    if (!m_accounts)
        return ended;
    for (const QByteArray &token : {bearerToken(request), cookieToken(request)}) {
        if (!SessionToken::isWellFormed(token))
            continue;
        const QByteArray hash = SessionToken::hash(token);
        if (m_accounts->removeSession(hash))
            ended.append(hash);
    }
    return ended;
}

} // namespace Kaiwa::Server
