// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Kaiwa::Server {

class AccountStore;
struct HttpRequest;

/**
 * Puts the signed-in account into a request's scope, like Channels' AuthMiddlewareStack puts
 * `scope["user"]`: from the session token in the `kaiwa_session` cookie (browsers), an
 * `Authorization: Bearer` header (desktop clients and scripts) or, on a WebSocket upgrade only, a
 * `?token=` query item (clients that cannot set headers there). A token in a page's or the API's
 * URL is ignored: such URLs end up in histories, logs and Referer headers.
 *
 * Neither object is owned; the store must outlive the authenticator. Without a store (a backend
 * without accounts) every request is anonymous.
 */
class Authenticator
{
public:
    struct Identity {
        enum class Kind {
            Anonymous, ///< No credentials (or a stale cookie, which a browser sends by itself).
            Account,   ///< A valid session: `account` is its name.
            Rejected,  ///< A bearer or query token was presented and is unknown or expired.
        };
        Kind kind = Kind::Anonymous;
        QString account;
        QByteArray sessionHash; ///< The session's key (SessionToken::hash) when `kind` is Account.
        bool isAccount() const { return kind == Kind::Account; }
    };

    struct Session {
        QByteArray token;
        QString account;
        QDateTime expires;
    };

    static constexpr QByteArrayView cookieName{"kaiwa_session"};

    explicit Authenticator(AccountStore *accounts);

    bool hasAccounts() const { return m_accounts != nullptr; }
    AccountStore *accounts() const { return m_accounts; }

    /// A page, the API or a sign-in form: Authorization: Bearer, then the cookie.
    Identity identify(const HttpRequest &request) const;
    /// A WebSocket upgrade: Authorization: Bearer, then ?token=, then the cookie.
    Identity identifyUpgrade(const HttpRequest &request) const;

    /// Creates a session for an account whose password was verified; nothing on a store error.
    std::optional<Session> startSession(const QString &account, qint64 lifetimeSeconds);
    /// Ends the session of the token the request presents (cookie or bearer), if any; returns the
    /// keys (SessionToken::hash) of the sessions it ended, so their open connections can be closed.
    QList<QByteArray> endSession(const HttpRequest &request);

    /// The token of an Authorization: Bearer header; empty when none.
    static QByteArray bearerToken(const HttpRequest &request);
    static QByteArray cookieToken(const HttpRequest &request);

private:
    Identity resolve(const HttpRequest &request, QByteArrayView bearer) const;
    /// The account and session key of a token, if its session stands.
    std::optional<Identity> lookup(QByteArrayView token) const;

    AccountStore *m_accounts;
};

} // namespace Kaiwa::Server
