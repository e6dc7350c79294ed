// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>

namespace Kaiwa::Server {

class ChatService;
struct HttpRequest;
struct HttpResponse;

/**
 * The read-only JSON API:
 * - `GET /api/rooms`: every room with stored messages or members now:
 *   `[{"room", "members", "messages", "last_id", "last_activity"}]`
 * - `GET /api/rooms/<room>/messages?before=ID&limit=N`: a page of history, oldest first, within the
 *   history byte budget (ChatService::historyPage), `{"room", "messages": [...], "more": bool}`;
 *   bad parameters give 400 with `{"error": ...}`.
 */
class ApiHandler
{
public:
    /// The service is not owned and must outlive the handler.
    explicit ApiHandler(const ChatService *service);

    HttpResponse handle(const HttpRequest &request) const;

private:
    HttpResponse rooms() const;
    HttpResponse messages(const QString &room, const HttpRequest &request) const;

    const ChatService *m_service;
};

} // namespace Kaiwa::Server
