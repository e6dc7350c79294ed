// SPDX-License-Identifier: MIT
#pragma once

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
 *   its account joined add `"read_id"`, `"unread"` and `"mentions"`
 * - `GET /api/rooms/<room>/messages?before=ID&limit=N`: a page of history, oldest first, within the
 *   history byte budget (RoomDirectory::historyPage), `{"room", "messages": [...], "more": bool}`;
 *   bad parameters give 400 with `{"error": ...}`.
 *
 * Everything it shows comes from the RoomDirectory, whose answers may come later: the responder
 * goes with the request.
 */
class ApiHandler
{
public:
    /// The directory is not owned and must outlive the handler.
    explicit ApiHandler(const RoomDirectory *directory);

    /// @param account who asks: the request's signed-in account, empty when anonymous.
    void handle(const HttpRequest &request, const QString &account, HttpResponder responder) const;

private:
    void rooms(const QString &account, HttpResponder responder) const;
    void messages(const QString &room, const HttpRequest &request, HttpResponder responder) const;

    const RoomDirectory *m_directory;
};

} // namespace Kaiwa::Server
