// SPDX-License-Identifier: MIT
#include "apihandler.h"

#include "chatrouter.h"
#include "common/isotime.h"
#include "common/protocol.h"
#include "consumers/chatservice.h"
#include "layers/channellayer.h"
#include "storage/messagestore.h"
#include "transport/httprequest.h"
#include "transport/httpresponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

HttpResponse jsonError(int status, const QString &message)
{
    return HttpResponse::json(status, QJsonDocument(QJsonObject{{"error"_L1, message}}).toJson(QJsonDocument::Compact));
}

/// A query parameter as an integer in [minimum, maximum], `fallback` when absent, nullopt when invalid.
std::optional<qint64> integerParameter(const HttpRequest &request, QByteArrayView name, qint64 fallback,
                                       qint64 minimum, qint64 maximum)
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

ApiHandler::ApiHandler(const ChatService *service)
    : m_service(service)
{
}

HttpResponse ApiHandler::handle(const HttpRequest &request) const
{
    if (request.path == "/api/rooms" || request.path == "/api/rooms/")
        return rooms();
    const QByteArrayView path = request.path;
    constexpr QByteArrayView prefix = "/api/rooms/";
    constexpr QByteArrayView suffix = "/messages";
    if (path.startsWith(prefix) && path.endsWith(suffix)) {
        const QByteArray roomPath = path.first(path.size() - suffix.size()).toByteArray() + '/';
        if (const auto room = ChatRouter::roomFromPath(roomPath, prefix))
            return messages(*room, request);
    }
    return jsonError(404, u"no such API resource"_s);
}

HttpResponse ApiHandler::rooms() const
{
    // Rooms with history, plus rooms that have members but nothing stored yet.
    std::map<QString, RoomStats> byName;
    for (const RoomStats &stats : m_service->store()->rooms())
        byName[stats.room] = stats;
    const QString groupPrefix = ChatService::groupName({});
    for (const QString &group : m_service->layer()->localGroups()) {
        const QString room = group.mid(groupPrefix.size());
        byName.try_emplace(room, RoomStats{room, 0, 0, {}});
    }
    QJsonArray array;
    for (const auto &[room, stats] : byName) {
        array.append(QJsonObject{
            {"room"_L1, room},
            {"members"_L1, qint64(m_service->layer()->localGroupSize(ChatService::groupName(room)))},
            {"messages"_L1, stats.messages},
            {"last_id"_L1, stats.lastId},
            {"last_activity"_L1, stats.lastActivity.isValid() ? QJsonValue(IsoTime::format(stats.lastActivity))
                                                              : QJsonValue(QJsonValue::Null)},
        });
    }
    return HttpResponse::json(200, QJsonDocument(array).toJson(QJsonDocument::Compact));
}

HttpResponse ApiHandler::messages(const QString &room, const HttpRequest &request) const
{
    const auto before = integerParameter(request, "before", 0, 0, std::numeric_limits<qint64>::max());
    if (!before)
        return jsonError(400, u"before must be a non-negative message id"_s);
    const auto limit = integerParameter(request, "limit", 50, 1, Protocol::maxHistoryPage);
    if (!limit)
        return jsonError(400, u"limit must be an integer from 1 to %1"_s.arg(Protocol::maxHistoryPage));
    QJsonObject page = m_service->historyPage(room, *before, int(*limit)).toJson();
    page.remove("type"_L1);
    return HttpResponse::json(200, QJsonDocument(page).toJson(QJsonDocument::Compact));
}

} // namespace Kaiwa::Server
