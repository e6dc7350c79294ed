// SPDX-License-Identifier: MIT
#pragma once

#include "clientratelimits.h"

#include <QByteArrayView>
#include <QString>

namespace Kaiwa::Server {

class HttpResponder;
class RoomDirectory;
struct HttpRequest;
struct HttpResponse;

/**
 * The read-only JSON API:
 * - `GET /api/rooms`: every room with stored messages or members now, most active first:
 *   `[{"room", "members", "online", "messages", "last_id", "last_activity"}]`; for a signed-in request the rooms
 *   its account joined add `"read_id"`, `"unread"` and `"mentions"`; every room has `"topic"` and `"private"`, a
 *   signed-in request's `"role"`, a direct message `"direct"` (the other account). Private rooms and direct messages
 *   are listed only to the accounts with a role in them.
 * - `GET /api/rooms/<room>`: its settings and roles, `{"room", "topic", "private", "direct", "role", "roles"}`, and
 *   for its moderators and owners `"restrictions"` (bans and mutes in force); 404 for a private room's outsider.
 * - `GET /api/rooms/<room>/messages?before=ID&limit=N`: a page of history, oldest first, within the
 *   history byte budget (RoomDirectory::historyPage), `{"room", "messages": [...], "more": bool}`;
 *   bad parameters give 400 with `{"error": ...}`; 404 for a private room's outsider.
 * - `GET /api/rooms/<room>/audit?before=ID&limit=N`: the room's audit log for its owners, newest first,
 *   `{"room", "entries": [{"id", "time", "actor", "action", "target", "reason", "detail", "until"}], "more": bool}`;
 *   401 anonymous, 403 for anyone else (docs/protocol.md, "Audit").
 * - `GET /api/search?q=TEXT&room=ROOM&before=POS&limit=N`: full-text search (docs/protocol.md, "Search"),
 *   `{"query", "results": [...], "more": bool, "next_before": POS}`, rate-limited per client address.
 *
 * Everything it shows comes from the RoomDirectory, whose answers may come later: the responder
 * goes with the request.
 */
class ApiHandler
{
public:
    /// Searches a client may make per second, and at once after a pause (docs/protocol.md, "Search").
    static constexpr double SearchRate = 5;
    static constexpr double SearchBurst = 10;
    /// Longest query, in code points.
    static constexpr qsizetype MaxQueryLength = 200;
    /// Most results on one page.
    static constexpr int MaxSearchPage = 100;
    /// Most audit entries on one page, and how many without `limit`.
    static constexpr int MaxAuditPage = 200;
    static constexpr int DefaultAuditPage = 50;

    /// The directory is not owned and must outlive the handler.
    explicit ApiHandler(const RoomDirectory *directory);

    /// @param account who asks: the request's signed-in account, empty when anonymous.
    void handle(const HttpRequest &request, const QString &account, HttpResponder responder) const;
    /// Whether searches are rate-limited (off with `--rate-limit 0`, like messages).
    void setSearchLimited(bool limited);

private:
    void rooms(const QString &account, HttpResponder responder) const;
    void details(const QString &room, const QString &account, HttpResponder responder) const;
    void messages(const QString &room, const HttpRequest &request, HttpResponder responder) const;
    void search(const HttpRequest &request, const QString &account, HttpResponder responder) const;
    void audit(const QString &room, const HttpRequest &request, const QString &account, HttpResponder responder) const;

    const RoomDirectory *m_directory;
    /// Mutable: the buckets count requests; what the handler answers does not change with them.
    mutable ClientRateLimits m_searchLimits{SearchRate, SearchBurst};
};

} // namespace Kaiwa::Server
