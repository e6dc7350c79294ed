// SPDX-License-Identifier: MIT
#include "apihandler.h"

#include "chatrouter.h"
#include "common/isotime.h"
#include "common/protocol.h"
#include "consumers/roomdirectory.h"
#include "transport/httprequest.h"
#include "transport/httpresponder.h"
#include "transport/httpresponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

HttpResponse jsonError(int status, const QString &message)
{
    return HttpResponse::json(status, QJsonDocument(QJsonObject{{"error"_L1, message}}).toJson(QJsonDocument::Compact));
}

/// A query parameter as an integer in [minimum, maximum], `fallback` when absent, nullopt when invalid.
std::optional<qint64> integerParameter(const HttpRequest &request, QByteArrayView name, qint64 fallback, qint64 minimum,
                                       qint64 maximum)
{
    const auto value = request.queryItem(name);
    if (!value)
        return fallback;
    bool ok = false;
    const qint64 number = value->toLongLong(&ok);
    if (!ok || number < minimum || number > maximum)
        return std::nullopt;
    return number;
}

} // namespace

ApiHandler::ApiHandler(const RoomDirectory *directory)
    : m_directory(directory)
{
}

void ApiHandler::handle(const HttpRequest &request, const QString &account, HttpResponder responder) const
{
    if (request.path == "/api/rooms" || request.path == "/api/rooms/") {
        rooms(account, std::move(responder));
        return;
    }
    const QByteArrayView path = request.path;
    constexpr QByteArrayView prefix = "/api/rooms/";
    constexpr QByteArrayView suffix = "/messages";
    if (path.startsWith(prefix) && path.endsWith(suffix)) {
        const QByteArray roomPath = path.first(path.size() - suffix.size()).toByteArray() + '/';
        if (const auto room = ChatRouter::roomFromPath(roomPath, prefix)) {
            messages(*room, request, std::move(responder));
            return;
        }
    }
    responder.respond(jsonError(404, u"no such API resource"_s));
}

void ApiHandler::rooms(const QString &account, HttpResponder responder) const
{
    m_directory->rooms(account, [responder](const QList<RoomDirectory::Room> &rooms) mutable {
        QJsonArray array;
        for (const RoomDirectory::Room &room : rooms) {
            QJsonObject object{
                {"room"_L1, room.name},
                {"members"_L1, room.members},
                {"online"_L1, room.online},
                {"messages"_L1, room.messages},
                {"last_id"_L1, room.lastId},
                {"last_activity"_L1, room.lastActivity.isValid() ? QJsonValue(IsoTime::format(room.lastActivity))
                                                                 : QJsonValue(QJsonValue::Null)},
            };
            if (room.readId) {
                object.insert("read_id"_L1, *room.readId);
                object.insert("unread"_L1, room.unread);
                object.insert("mentions"_L1, room.mentions);
            }
            array.append(object);
        }
        responder.respond(HttpResponse::json(200, QJsonDocument(array).toJson(QJsonDocument::Compact)));
    });
}

void ApiHandler::messages(const QString &room, const HttpRequest &request, HttpResponder responder) const
{
    const auto before = integerParameter(request, "before", 0, 0, std::numeric_limits<qint64>::max());
    if (!before) {
        responder.respond(jsonError(400, u"before must be a non-negative message id"_s));
        return;
    }
    const auto limit = integerParameter(request, "limit", 50, 1, Protocol::maxHistoryPage);
    if (!limit) {
        responder.respond(jsonError(400, u"limit must be an integer from 1 to %1"_s.arg(Protocol::maxHistoryPage)));
        return;
    }
    m_directory->historyPage(room, *before, int(*limit), [responder](const HistoryPageEvent &page) mutable {
        QJsonObject object = page.toJson();
        object.remove("type"_L1);
        responder.respond(HttpResponse::json(200, QJsonDocument(object).toJson(QJsonDocument::Compact)));
    });
}

} // namespace Kaiwa::Server
