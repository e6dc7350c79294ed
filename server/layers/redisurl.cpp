// SPDX-License-Identifier: MIT
#include "redisurl.h"

#include "common/redaction.h"

#include <QUrl>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

std::optional<RedisUrl> RedisUrl::parse(const QString &text, QString *error)
{
    const auto fail = [error](const QString &reason) -> std::optional<RedisUrl> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    const QUrl url(text, QUrl::StrictMode);
    // QUrl's error quotes the whole URL, password included.
    if (!url.isValid())
        return fail(u"invalid Redis URL \"%1\": %2"_s.arg(Redaction::url(text), Redaction::url(url.errorString())));
    const QString scheme = url.scheme().toLower();
    if (scheme == "rediss"_L1)
        return fail(u"rediss:// (TLS) is not supported: Debian's hiredis 0.14 has no TLS; "
                    "use redis:// through a TLS tunnel such as stunnel"_s);
    if (scheme != "redis"_L1)
        return fail(u"invalid Redis URL \"%1\": expected redis://HOST:PORT/DB"_s.arg(Redaction::url(text)));
    if (url.host().isEmpty())
        return fail(u"invalid Redis URL \"%1\": no host"_s.arg(Redaction::url(text)));
    if (url.hasQuery() || url.hasFragment())
        return fail(u"invalid Redis URL \"%1\": query and fragment are not supported"_s.arg(Redaction::url(text)));

    RedisUrl result;
    result.host = url.host();
    result.port = quint16(url.port(6379));
    if (url.port(6379) <= 0)
        return fail(u"invalid Redis URL \"%1\": bad port"_s.arg(Redaction::url(text)));
    result.user = url.userName(QUrl::FullyDecoded);
    result.password = url.password(QUrl::FullyDecoded);
    if (!result.user.isEmpty() && result.password.isEmpty())
        return fail(u"invalid Redis URL \"%1\": a user needs a password (redis://USER:PASSWORD@HOST)"_s.arg(text));
    QString path = url.path();
    if (path.startsWith(u'/'))
        path.remove(0, 1);
    if (!path.isEmpty()) {
        bool ok = false;
        result.database = path.toInt(&ok);
        if (!ok || result.database < 0)
            return fail(u"invalid Redis URL \"%1\": the path must be a database number"_s.arg(Redaction::url(text)));
    }
    return result;
}

QByteArray RedisUrl::channelPrefix() const
{
    return "kaiwa:" + QByteArray::number(database) + ':';
}

QString RedisUrl::displayString() const
{
    const QString auth = password.isEmpty() ? QString() : (user.isEmpty() ? u":***@"_s : user + u":***@"_s);
    const QString hostPart = host.contains(u':') ? u'[' + host + u']' : host;
    return u"redis://%1%2:%3/%4"_s.arg(auth, hostPart).arg(port).arg(database);
}

} // namespace Kaiwa::Server
