// SPDX-License-Identifier: MIT
#include "roomaddress.h"

#include "common/roomname.h"

#include <QUrlQuery>

namespace Kaiwa::Client {

using namespace Qt::StringLiterals;

namespace {

/// The path prefix of the server URL without a trailing slash ("" or "/prefix").
QString pathPrefix(const QUrl &server)
{
    QString path = server.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    return path;
}

QUrl withRoomPath(const QUrl &server, const QString &section, const QString &room)
{
    QUrl url = server;
    const QString segment = QString::fromLatin1(RoomName::toPathSegment(room));
    url.setPath(u"%1/%2/%3/"_s.arg(pathPrefix(server), section, segment), QUrl::StrictMode);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QUrl withTrailingSlash(QUrl url)
{
    if (!url.path().endsWith(u'/'))
        url.setPath(url.path(QUrl::FullyEncoded) + u'/', QUrl::StrictMode);
    return url;
}

} // namespace

std::optional<QUrl> RoomAddress::parseServer(const QString &text)
{
    const std::optional<Location> location = parseLocation(text);
    return location ? std::optional<QUrl>(location->server) : std::nullopt;
}

std::optional<RoomAddress::Location> RoomAddress::parseLocation(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    // "localhost:8000" parses as scheme "localhost"; only accept a scheme that is followed by "//".
    QUrl url(trimmed.contains(u"://"_s) ? trimmed : u"http://"_s + trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return std::nullopt;
    const QString scheme = url.scheme().toLower();
    if (scheme == u"ws"_s)
        url.setScheme(u"http"_s);
    else if (scheme == u"wss"_s)
        url.setScheme(u"https"_s);
    else if (scheme != u"http"_s && scheme != u"https"_s)
        return std::nullopt;
    url.setQuery(QString());
    url.setFragment(QString());
    url.setUserInfo(QString());

    // The pages' paths end the address: "[prefix]/chat/", "[prefix]/chat/<room>/", "[prefix]/ws/chat/<room>/".
    QStringList segments = url.path(QUrl::FullyEncoded).split(u'/', Qt::SkipEmptyParts);
    std::optional<QString> room;
    if (segments.size() >= 2 && segments.at(segments.size() - 2) == u"chat"_s) {
        room = QUrl::fromPercentEncoding(segments.takeLast().toUtf8());
        segments.removeLast();
    } else if (!segments.isEmpty() && segments.constLast() == u"chat"_s) {
        segments.removeLast();
    } else {
        return Location{withTrailingSlash(url), std::nullopt};
    }
    if (room && !segments.isEmpty() && segments.constLast() == u"ws"_s)
        segments.removeLast();
    url.setPath(u"/"_s + segments.join(u'/'), QUrl::StrictMode);
    return Location{withTrailingSlash(url), room};
}

RoomAddress::ServerValidity RoomAddress::validateServer(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return ServerValidity::Empty;
    if (parseServer(trimmed))
        return ServerValidity::Valid;
    const QUrl url(trimmed, QUrl::StrictMode);
    if (trimmed.contains(u"://"_s) && url.isValid() && !url.host().isEmpty())
        return ServerValidity::UnsupportedScheme;
    return ServerValidity::Malformed;
}

bool RoomAddress::isValid() const
{
    if (!server.isValid() || server.host().isEmpty())
        return false;
    // An account name is any one line (the server checks it exists); a room name follows RoomName.
    return direct ? !room.trimmed().isEmpty() && !room.contains(u'\n') : RoomName::isValid(room);
}

QString RoomAddress::title() const
{
    return direct ? u'@' + room : room;
}

QUrl RoomAddress::webSocketUrl(std::optional<qint64> since, const QString &epoch) const
{
    QUrl url = withRoomPath(server, direct ? u"ws/dm"_s : u"ws/chat"_s, room);
    url.setScheme(server.scheme() == u"https"_s ? u"wss"_s : u"ws"_s);
    // Percent-encode by hand: QUrlQuery would leave '+' alone, which servers decode as a space.
    QString query = u"name="_s + QString::fromLatin1(QUrl::toPercentEncoding(name));
    if (since)
        query += u"&since="_s + QString::number(*since);
    if (since && !epoch.isEmpty())
        query += u"&epoch="_s + QString::fromLatin1(QUrl::toPercentEncoding(epoch));
    url.setQuery(query, QUrl::StrictMode);
    return url;
}

QUrl RoomAddress::pageUrl() const
{
    return withRoomPath(server, direct ? u"dm"_s : u"chat"_s, room);
}

QString RoomAddress::roomKey() const
{
    return pageUrl().toString(QUrl::FullyEncoded);
}

} // namespace Kaiwa::Client
