// SPDX-License-Identifier: MIT
#include "apihandler.h"

#include "chatrouter.h"
#include "common/isotime.h"
#include "common/protocol.h"
#include "common/roomname.h"
#include "consumers/roomdirectory.h"
#include "transport/httprequest.h"
#include "transport/httpresponder.h"
#include "transport/httpresponse.h"
#include "transport/monotonicclock.h"

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

/// A search result: the message as the history API gives it, its room and the matched parts of its text.
QJsonObject searchResult(const MessageStore::SearchHit &hit)
{
    QJsonObject object = hit.message.toJson();
    object.insert("room"_L1, hit.message.room);
    QJsonArray highlights;
    for (const SearchText::Span &span : hit.highlights)
        highlights.append(QJsonArray{span.start, span.length});
    object.insert("highlights"_L1, highlights);
    return object;
}

} // namespace

ApiHandler::ApiHandler(const RoomDirectory *directory)
    : m_directory(directory)
{
}

void ApiHandler::setSearchLimited(bool limited)
{
    m_searchLimits.setRate(limited ? SearchRate : 0);
}

void ApiHandler::handle(const HttpRequest &request, const QString &account, HttpResponder responder) const
{
    if (request.path == "/api/rooms" || request.path == "/api/rooms/") {
        rooms(account, std::move(responder));
        return;
    }
    if (request.path == "/api/search") {
        search(request, account, std::move(responder));
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

void ApiHandler::search(const HttpRequest &request, const QString &account, HttpResponder responder) const
{
    if (!m_searchLimits.tryAcquire(responder.clientAddress(), monotonicMs())) {
        HttpResponse response = jsonError(429, u"rate_limited"_s);
        response.addHeader("Retry-After", QByteArray::number(m_searchLimits.retryAfterSeconds()));
        responder.respond(response);
        return;
    }
    const QString text = QString::fromUtf8(request.queryItem("q").value_or(QByteArray()));
    // The length first: it is cheap, and bounds what the tokeniser reads.
    if (text.toUcs4().size() > MaxQueryLength) {
        responder.respond(jsonError(400, u"query_too_long"_s));
        return;
    }
    if (SearchText(text).terms().isEmpty()) {
        responder.respond(jsonError(400, u"empty_query"_s));
        return;
    }
    MessageStore::SearchQuery query{text, {}, 0, 20};
    if (const auto room = request.queryItem("room")) {
        query.room = QString::fromUtf8(*room);
        if (!RoomName::isValid(query.room)) {
            responder.respond(jsonError(
                400, u"room must be a room name (letters, digits and _, at most %1)"_s.arg(RoomName::maxLength)));
            return;
        }
    }
    const auto before = integerParameter(request, "before", 0, 0, std::numeric_limits<qint64>::max());
    if (!before) {
        responder.respond(jsonError(400, u"before must be a non-negative position or message id"_s));
        return;
    }
    const auto limit = integerParameter(request, "limit", 20, 1, MaxSearchPage);
    if (!limit) {
        responder.respond(jsonError(400, u"limit must be an integer from 1 to %1"_s.arg(MaxSearchPage)));
        return;
    }
    query.before = *before;
    query.limit = int(*limit);
    // Who asks, for rooms not everyone may see (private rooms).
    m_directory->search(query, account, [responder, text](const std::optional<MessageStore::SearchPage> &page) mutable {
        if (!page) {
            responder.respond(jsonError(503, u"search is not available now"_s));
            return;
        }
        QJsonArray results;
        for (const MessageStore::SearchHit &hit : page->hits)
            results.append(searchResult(hit));
        QJsonObject object{{"query"_L1, text}, {"results"_L1, results}, {"more"_L1, page->more}};
        if (page->more)
            object.insert("next_before"_L1, page->nextBefore);
        responder.respond(HttpResponse::json(200, QJsonDocument(object).toJson(QJsonDocument::Compact)));
    });
}

} // namespace Kaiwa::Server
