// SPDX-License-Identifier: MIT
#include "apihandler.h"

#include "chatrouter.h"
#include "common/isotime.h"
#include "common/protocol.h"
#include "common/roomname.h"
#include "consumers/roomdirectory.h"
#include "consumers/roompolicy.h"
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

/// The room of `/api/rooms/<room><suffix>`; nothing for any other path.
std::optional<QString> roomOfResource(QByteArrayView path, QByteArrayView suffix)
{
    constexpr QByteArrayView prefix = "/api/rooms/";
    if (!path.startsWith(prefix) || !path.endsWith(suffix))
        return std::nullopt;
    return ChatRouter::roomFromPath(path.first(path.size() - suffix.size()).toByteArray() + '/', prefix,
                                    RoomName::Kinds::PublicOrDirect);
}

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(IsoTime::format(time)) : QJsonValue(QJsonValue::Null);
}

QJsonObject auditEntry(const RoomPolicyStore::AuditEntry &entry)
{
    return {
        {"id"_L1, entry.id},         {"time"_L1, timeOrNull(entry.time)},   {"actor"_L1, entry.actor},
        {"action"_L1, entry.action}, {"target"_L1, entry.target},           {"reason"_L1, entry.reason},
        {"detail"_L1, entry.detail}, {"until"_L1, timeOrNull(entry.until)},
    };
}

/// A ban or mute as `GET /api/rooms/<room>` shows it to moderators.
QJsonObject restrictionJson(const RoomPolicyStore::Restriction &restriction)
{
    using Restriction = RoomPolicyStore::Restriction;
    return {{"kind"_L1, restriction.kind == Restriction::Kind::Ban ? "ban"_L1 : "mute"_L1},
            {"subject"_L1, restriction.subject},
            {"address"_L1, restriction.subjectKind == Restriction::Subject::Address},
            {"until"_L1, timeOrNull(restriction.until)},
            {"reason"_L1, restriction.reason},
            {"by"_L1, restriction.by},
            {"time"_L1, timeOrNull(restriction.time)}};
}

/// The direct message's other account, or null.
QJsonValue directJson(const QString &direct)
{
    return direct.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(direct);
}

HttpResponse noSuchRoom()
{
    return jsonError(404, u"no such room"_s);
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
    constexpr auto kinds = RoomName::Kinds::PublicOrDirect;
    if (const auto room = roomOfResource(path, "/messages")) {
        // A private room's outsider learns nothing of it (docs/protocol.md, "Private rooms").
        if (!m_directory->maySee(*room, account))
            responder.respond(noSuchRoom());
        else
            messages(*room, request, std::move(responder));
        return;
    }
    if (const auto room = roomOfResource(path, "/audit")) {
        audit(*room, request, account, std::move(responder));
        return;
    }
    const QByteArray roomPath = path.endsWith('/') ? path.toByteArray() : path.toByteArray() + '/';
    if (const auto room = ChatRouter::roomFromPath(roomPath, prefix, kinds)) {
        details(*room, account, std::move(responder));
        return;
    }
    responder.respond(jsonError(404, u"no such API resource"_s));
}

void ApiHandler::rooms(const QString &account, HttpResponder responder) const
{
    m_directory->rooms(account, [responder, account](const QList<RoomDirectory::Room> &rooms) mutable {
        QJsonArray array;
        for (const RoomDirectory::Room &room : rooms) {
            QJsonObject object{
                {"room"_L1, room.name},      {"members"_L1, room.members},
                {"online"_L1, room.online},  {"messages"_L1, room.messages},
                {"last_id"_L1, room.lastId}, {"last_activity"_L1, timeOrNull(room.lastActivity)},
            };
            object.insert("topic"_L1, room.topic);
            object.insert("private"_L1, room.isPrivate);
            if (!room.direct.isEmpty())
                object.insert("direct"_L1, room.direct);
            if (!account.isEmpty())
                object.insert("role"_L1, roomRoleJson(room.role));
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

void ApiHandler::details(const QString &room, const QString &account, HttpResponder responder) const
{
    m_directory->details(room, account, [responder](const std::optional<RoomDirectory::RoomDetails> &details) mutable {
        if (!details) {
            responder.respond(noSuchRoom());
            return;
        }
        QJsonArray roles;
        for (const RoomPolicyStore::RoleEntry &entry : details->roles)
            roles.append(QJsonObject{{"account"_L1, entry.account},
                                     {"role"_L1, roomRoleJson(RoomPolicy::roomRole(entry.role))}});
        QJsonObject object{{"room"_L1, details->name},
                           {"topic"_L1, details->topic},
                           {"private"_L1, details->isPrivate},
                           {"direct"_L1, directJson(details->direct)},
                           {"role"_L1, roomRoleJson(details->role)},
                           {"roles"_L1, roles}};
        if (details->restrictions) {
            QJsonArray restrictions;
            for (const RoomPolicyStore::Restriction &restriction : *details->restrictions)
                restrictions.append(restrictionJson(restriction));
            object.insert("restrictions"_L1, restrictions);
        }
        responder.respond(HttpResponse::json(200, QJsonDocument(object).toJson(QJsonDocument::Compact)));
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
        if (!RoomName::isValid(query.room, RoomName::Kinds::PublicOrDirect)) {
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

void ApiHandler::audit(const QString &room, const HttpRequest &request, const QString &account,
                       HttpResponder responder) const
{
    const auto before = integerParameter(request, "before", 0, 0, std::numeric_limits<qint64>::max());
    if (!before) {
        responder.respond(jsonError(400, u"before must be a non-negative audit entry id"_s));
        return;
    }
    const auto limit = integerParameter(request, "limit", DefaultAuditPage, 1, MaxAuditPage);
    if (!limit) {
        responder.respond(jsonError(400, u"limit must be an integer from 1 to %1"_s.arg(MaxAuditPage)));
        return;
    }
    m_directory->auditLog(
        room, account, *before, int(*limit), [responder, room](const RoomDirectory::AuditPage &page) mutable {
            using Status = RoomDirectory::AuditPage::Status;
            switch (page.status) {
            case Status::SignInRequired: {
                HttpResponse response = jsonError(401, u"sign in first"_s);
                response.addHeader("WWW-Authenticate", R"(Bearer realm="kaiwa")");
                responder.respond(response);
                return;
            }
            case Status::Forbidden:
                responder.respond(jsonError(403, u"only the room's owners may read its audit log"_s));
                return;
            case Status::NotFound:
                responder.respond(noSuchRoom());
                return;
            case Status::Failed:
                responder.respond(jsonError(503, u"the audit log is not available now"_s));
                return;
            case Status::Ok:
                break;
            }
            QJsonArray entries;
            for (const RoomPolicyStore::AuditEntry &entry : page.entries)
                entries.append(auditEntry(entry));
            const QJsonObject object{{"room"_L1, room}, {"entries"_L1, entries}, {"more"_L1, page.more}};
            responder.respond(HttpResponse::json(200, QJsonDocument(object).toJson(QJsonDocument::Compact)));
        });
}

} // namespace Kaiwa::Server
