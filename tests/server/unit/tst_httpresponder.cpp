// SPDX-License-Identifier: MIT
// RequestHandler's contract, on an HttpConnection over one end of a socketpair: a handler answers
// through the HttpResponder it is given, at once or later by keeping it; a responder dropped unanswered
// answers 500; nothing behind a request is handled before that request's answer.
#include "server/transport/httpconnection.h"
#include "server/transport/httprequest.h"
#include "server/transport/httpresponse.h"
#include "server/transport/requesthandler.h"
#include "server/transport/socketstream.h"
#include "server/transport/socketstreamflusher.h"

#include <QPointer>
#include <QTest>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>

using namespace Kaiwa::Server;

namespace {

/// Answers `/now` at once, keeps the responder of `/later`, drops the one of `/never`.
class Handler : public RequestHandler
{
public:
    void handleRequest(const HttpRequest &request, HttpResponder responder) override
    {
        paths.append(request.path);
        if (request.path == "/now")
            responder.respond(HttpResponse::text(200, "now\n"));
        else if (request.path == "/later")
            kept = responder;
    }

    QByteArrayList paths;
    std::optional<HttpResponder> kept;
};

} // namespace

class TestHttpResponder : public QObject
{
    Q_OBJECT

    SocketStreamFlusher m_flusher;
    Handler m_handler;
    QPointer<HttpConnection> m_connection; ///< Deleted once finished, as HttpServer does.
    int m_peer = -1;

    /// What the client end received once it has `count` responses, or when `timeoutMs` passed.
    QByteArray readResponses(int count, int timeoutMs = 5000)
    {
        QByteArray received;
        // Whether they all came is for the caller to judge from what arrived.
        static_cast<void>(QTest::qWaitFor(
            [&] {
                char buffer[4096];
                for (ssize_t n; (n = ::read(m_peer, buffer, sizeof buffer)) > 0;)
                    received.append(buffer, n);
                return received.count("HTTP/1.1 ") >= count;
            },
            timeoutMs));
        return received;
    }
    /// Nothing arrives (a flush would have come at the next turn of the event loop).
    QByteArray nothingYet() { return readResponses(1, 200); }
    void send(QByteArrayView bytes) { QCOMPARE(::write(m_peer, bytes.data(), size_t(bytes.size())), bytes.size()); }

private Q_SLOTS:
    void init()
    {
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
        ::fcntl(fds[1], F_SETFL, ::fcntl(fds[1], F_GETFL) | O_NONBLOCK);
        m_peer = fds[1];
        m_handler = Handler();
        auto *stream = new SocketStream(fds[0], &m_flusher);
        m_connection = new HttpConnection(stream, &m_handler, HttpRequestParser::Limits{});
        connect(m_connection, &HttpConnection::finished, m_connection, &QObject::deleteLater);
        m_connection->start();
    }
    void cleanup()
    {
        m_handler.kept.reset(); // may answer (500) on the connection, which is going anyway
        delete m_connection.data();
        if (m_peer >= 0)
            ::close(std::exchange(m_peer, -1));
    }

    void answersAtOnce()
    {
        send("GET /now HTTP/1.1\r\nHost: x\r\n\r\n");
        const QByteArray response = readResponses(1);
        QVERIFY2(response.startsWith("HTTP/1.1 200 "), response.constData());
        QVERIFY(response.endsWith("now\n"));
    }

    void keptResponderAnswersLaterAndHoldsThePipeline()
    {
        send("GET /later HTTP/1.1\r\nHost: x\r\n\r\nGET /now HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY(m_handler.kept.has_value());
        QVERIFY(m_handler.kept->isPending());
        QCOMPARE(m_handler.paths, QByteArrayList{"/later"}); // the pipelined request waits for the answer
        QCOMPARE(nothingYet(), QByteArray());

        m_handler.kept->respond(HttpResponse::text(202, "later\n"));
        QVERIFY(!m_handler.kept->isPending());
        m_handler.kept->respond(HttpResponse::text(500, "twice\n")); // only the first answer counts
        const QByteArray responses = readResponses(2);
        QVERIFY2(responses.startsWith("HTTP/1.1 202 "), responses.constData());
        QCOMPARE(responses.count("HTTP/1.1 "), 2);
        QVERIFY(responses.endsWith("now\n")); // then the one behind it, in order
        QVERIFY(!responses.contains("twice"));
        QCOMPARE(m_handler.paths, (QByteArrayList{"/later", "/now"}));
    }

    void droppedResponderAnswers500()
    {
        QTest::ignoreMessage(QtWarningMsg, "request handler gave no response for \"/never\"");
        send("GET /never HTTP/1.1\r\nHost: x\r\n\r\nGET /now HTTP/1.1\r\nHost: x\r\n\r\n");
        const QByteArray responses = readResponses(2);
        QVERIFY2(responses.startsWith("HTTP/1.1 500 "), responses.constData());
        QVERIFY(responses.endsWith("now\n")); // the connection goes on
    }

    void lastCopyDroppedLaterAnswers500()
    {
        send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY(m_handler.kept.has_value());
        std::optional<HttpResponder> copy = m_handler.kept;
        m_handler.kept.reset();
        QCOMPARE(nothingYet(), QByteArray()); // a copy still holds the answer
        QVERIFY(copy->isPending());
        QTest::ignoreMessage(QtWarningMsg, "request handler gave no response for \"/later\"");
        copy.reset();
        const QByteArray response = readResponses(1);
        QVERIFY2(response.startsWith("HTTP/1.1 500 "), response.constData());
    }

    void answerAfterTheClientLeftGoesNowhere()
    {
        send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY(m_handler.kept.has_value());
        ::close(std::exchange(m_peer, -1));
        QTRY_VERIFY(!m_connection); // finished and deleted
        QVERIFY(!m_handler.kept->isPending());
        m_handler.kept->respond(HttpResponse::text(200, "late\n")); // nothing to send it on, and no crash
        QCOMPARE(m_handler.kept->acceptWebSocket(HttpRequest{}, {}, {}), nullptr);
    }
};

QTEST_GUILESS_MAIN(TestHttpResponder)
#include "tst_httpresponder.moc"
