// SPDX-License-Identifier: MIT
#include "httpresponder.h"

#include "httpconnection.h"
#include "httpresponse.h"
#include "transportlogging.h"

#include <QPointer>

namespace Kaiwa::Server {

/// What every copy of one responder shares.
struct HttpResponder::Answer {
    Answer(HttpConnection *to, QByteArray requestPath)
        : connection(to)
        , path(std::move(requestPath))
        , clientAddress(to->clientAddress())
    {
    }
    Q_DISABLE_COPY_MOVE(Answer)

    QPointer<HttpConnection> connection;
    QByteArray path; ///< For the log line of a request left unanswered.
    QHostAddress clientAddress;
    bool given = false;

    ~Answer()
    {
        if (given || !connection)
            return;
        qCWarning(lcTransport) << "request handler gave no response for" << path;
        connection->respond(HttpResponse::text(500, "Internal Server Error\n"));
    }
};

HttpResponder::HttpResponder(HttpConnection *connection, const QByteArray &path)
    : m_answer(std::make_shared<Answer>(connection, path))
{
}

void HttpResponder::respond(const HttpResponse &response)
{
    if (std::exchange(m_answer->given, true) || !m_answer->connection)
        return;
    m_answer->connection->respond(response);
}

WebSocketConnection *HttpResponder::acceptWebSocket(const HttpRequest &request, const QByteArray &subprotocol,
                                                    WebSocketConnection::Limits limits)
{
    if (std::exchange(m_answer->given, true) || !m_answer->connection)
        return nullptr;
    return m_answer->connection->acceptWebSocket(request, subprotocol, limits);
}

QHostAddress HttpResponder::clientAddress() const
{
    return m_answer->clientAddress;
}

bool HttpResponder::isPending() const
{
    return !m_answer->given && m_answer->connection;
}

} // namespace Kaiwa::Server
