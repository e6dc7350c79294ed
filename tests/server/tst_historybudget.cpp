// SPDX-License-Identifier: MIT
// History answers within a byte budget (docs/protocol.md, "History budget"): API pages, socket pages,
// replay on join and recovery with ?since=, in rooms full of large messages, and clients that ask for
// big pages and never read them. Real kaiwa-server processes on real SQLite files.
#include "util/httpexchange.h"
#include "util/processstats.h"
#include "util/rawwebsocket.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include "common/protocol.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

/// Close to the default --max-message-bytes (64 KiB) with the JSON around it.
constexpr qsizetype s_largeText = 60000;

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> ids;
    for (qint64 id = first; id <= last; ++id)
        ids.append(id);
    return ids;
}

/// What one message of a page costs on the wire (the server writes it byte for byte like this).
qint64 wireSize(const QJsonValue &message)
{
    return QJsonDocument(message.toObject()).toJson(QJsonDocument::Compact).size();
}

qint64 wireSize(const QJsonArray &messages)
{
    qint64 total = 0;
    for (const QJsonValue &message : messages)
        total += wireSize(message);
    return total;
}

/// A page of history, newest last, as the API and the socket give it.
struct Page {
    QJsonArray messages;
    bool more = false;
    qsizetype wireBytes = 0; ///< The whole answer as received.
};

} // namespace

class TestHistoryBudget : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QStringList arguments(const QString &name, const QStringList &extra = {}) const
    {
        return QStringList{u"--database"_s, m_dir.filePath(name + u".sqlite"_s), u"--rate-limit"_s, u"0"_s} + extra;
    }

    static qint64 pid(ServerProcess &server) { return server.process().processId(); }

    /// Stores `count` messages of about `size` characters in a room nobody is in yet, through one client.
    static bool fill(ServerProcess &server, const QString &room, int count, qsizetype size = s_largeText)
    {
        WsClient writer;
        if (!writer.open(server.wsUrl(room)))
            return false;
        for (int i = 0; i < count; ++i)
            writer.sendJson({{"message"_L1, u"%1 "_s.arg(i + 1) + QString(size, u'x')}});
        return writer.waitForFrames(count, 60000) && writer.chatTexts().size() == count;
    }

    static std::optional<Page> apiPage(ServerProcess &server, const QString &room, qint64 before)
    {
        const HttpExchange response = HttpExchange::run(
            server.port(), "GET", u"/api/rooms/%1/messages?limit=500&before=%2"_s.arg(room).arg(before).toUtf8());
        if (response.status != 200)
            return std::nullopt;
        const QJsonObject page = QJsonDocument::fromJson(response.body).object();
        return Page{page.value("messages"_L1).toArray(), page.value("more"_L1).toBool(), response.body.size()};
    }

    static std::optional<Page> socketPage(WsClient &client, qint64 before)
    {
        const qsizetype pages = client.framesOfType(u"history"_s).size();
        client.sendJson({{"type"_L1, u"history"_s}, {"before"_L1, before}, {"limit"_L1, 500}});
        if (!QTest::qWaitFor([&] { return client.framesOfType(u"history"_s).size() > pages; }, 20000))
            return std::nullopt;
        const QJsonObject page = client.framesOfType(u"history"_s).last();
        return Page{page.value("messages"_L1).toArray(), page.value("more"_L1).toBool(),
                    QJsonDocument(page).toJson(QJsonDocument::Compact).size()};
    }

    /**
     * Walks a room's history from the newest page to the oldest and checks every page against the
     * budget: within it (or a single message), and full (the next older message would not have fit).
     * Returns every id seen, oldest first.
     */
    static QList<qint64> walk(const std::function<std::optional<Page>(qint64 before)> &fetch, qint64 budget)
    {
        QList<qint64> seen;
        QJsonArray newer; // the page walked before this one
        bool newerMore = false;
        for (qint64 before = 0;;) {
            const auto page = fetch(before);
            if (!page || page->messages.isEmpty()) {
                qWarning() << "no page before" << before;
                return {};
            }
            const qint64 bytes = wireSize(page->messages);
            if (page->messages.size() > 1 && bytes > budget) {
                qWarning() << "a page of" << page->messages.size() << "messages holds" << bytes << "bytes";
                return {};
            }
            // Overhead of the answer around its messages: keys, the room name, commas.
            if (page->wireBytes > bytes + 256 + page->messages.size()) {
                qWarning() << "an answer of" << page->wireBytes << "bytes for" << bytes << "bytes of messages";
                return {};
            }
            if (newerMore && wireSize(newer) + wireSize(page->messages.last()) <= budget) {
                qWarning() << "a page stopped before the budget was used:" << wireSize(newer) << "bytes";
                return {};
            }
            QList<qint64> ids;
            for (const QJsonValue &message : page->messages)
                ids.append(message.toObject().value("id"_L1).toInteger());
            seen = ids + seen;
            newer = page->messages;
            newerMore = page->more;
            if (!page->more)
                return seen;
            before = ids.first();
        }
    }

    /// Memory and descriptors once the daemon has served a first client.
    /// A counter or gauge of the daemon's /metrics; -1 when it is not there.
    static qint64 metric(ServerProcess &server, const QString &name)
    {
        const QRegularExpression sample(u"^%1 (\\d+)$"_s.arg(name), QRegularExpression::MultilineOption);
        const auto match = sample.match(QString::fromUtf8(HttpExchange::run(server.port(), "GET", "/metrics").body));
        return match.hasMatch() ? match.captured(1).toLongLong() : -1;
    }

    /// The daemon's memory and open files when idle, after one client came and went (a first join and write
    /// may open what stays open: the store's files, its checkpointer's connection).
    static std::pair<qint64, int> baseline(ServerProcess &server)
    {
        {
            WsClient probe;
            if (!probe.open(server.wsUrl(u"warmup"_s)))
                return {};
            probe.sendJson({{"message"_L1, u"probe"_s}});
            if (!probe.waitForFrames(1))
                return {};
        }
        // Idle: no connection open but the one asking (which may still count below: one file of slack).
        if (!QTest::qWaitFor([&] { return metric(server, u"kaiwa_connections"_s) == 1; }, 10000))
            return {};
        return {ProcessStats::rssKiB(pid(server)), ProcessStats::openFiles(pid(server))};
    }

    /// kaiwa_messages_received_total: frames the daemon took from chat clients.
    static qint64 receivedFrames(ServerProcess &server) { return metric(server, u"kaiwa_messages_received_total"_s); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void apiPagesStayWithinTheBudgetAndReachEveryMessage()
    {
        ServerProcess server(arguments(u"api"_s));
        QVERIFY(server.start());
        QVERIFY(fill(server, u"big"_s, 40));
        const QList<qint64> seen =
            walk([&](qint64 before) { return apiPage(server, u"big"_s, before); }, Kaiwa::Protocol::historyBudgetBytes);
        QCOMPARE(seen, range(1, 40));
    }

    void socketPagesStayWithinTheBudgetAndReachEveryMessage()
    {
        ServerProcess server(arguments(u"socket"_s, {u"--history"_s, u"0"_s}));
        QVERIFY(server.start());
        QVERIFY(fill(server, u"big"_s, 40));
        WsClient reader(true);
        QVERIFY(reader.open(server.wsUrl(u"big"_s)));
        const QList<qint64> seen =
            walk([&](qint64 before) { return socketPage(reader, before); }, Kaiwa::Protocol::historyBudgetBytes);
        QCOMPARE(seen, range(1, 40));
        QCOMPARE(reader.socket().state(), QAbstractSocket::ConnectedState);
    }

    void aMessageLargerThanTheBudgetGoesAlone()
    {
        // A quarter of a 64 KiB send queue: a 16 KiB budget, smaller than each message.
        ServerProcess server(arguments(u"alone"_s, {u"--max-send-queue"_s, u"65536"_s, u"--history"_s, u"5"_s}));
        QVERIFY(server.start());
        QVERIFY(fill(server, u"big"_s, 5, 20000));
        QCOMPARE(walk([&](qint64 before) { return apiPage(server, u"big"_s, before); }, 16 * 1024), range(1, 5));
        WsClient reader(true);
        QVERIFY(reader.open(server.wsUrl(u"big"_s)));
        // The join replay (latest 5) arrives whole, paced one message at a time.
        QTRY_COMPARE_WITH_TIMEOUT(reader.chatIds(), range(1, 5), 20000);
        QCOMPARE(walk([&](qint64 before) { return socketPage(reader, before); }, 16 * 1024), range(1, 5));
        for (const QJsonObject &page : reader.framesOfType(u"history"_s))
            QCOMPARE(page.value("messages"_L1).toArray().size(), 1);
    }

    void joinReplayAndRecoveryDeliverEveryMessageInOrder()
    {
        // 12 MB of history: three times the send queue. Replays used to be one burst, closed with 1013.
        ServerProcess server(arguments(u"replay"_s, {u"--history"_s, u"150"_s}));
        QVERIFY(server.start());
        QVERIFY(fill(server, u"big"_s, 200));

        WsClient joiner(true);
        QVERIFY(joiner.open(server.wsUrl(u"big"_s)));
        WsClient returning(true);
        QVERIFY(returning.open(server.wsUrl(u"big"_s, u"since=0"_s)));
        // Sent while its own replay is still under way: the ack still follows the message itself.
        returning.sendJson({{"message"_L1, u"during the replay"_s}, {"client_id"_L1, u"c-1"_s}});

        QTRY_COMPARE_WITH_TIMEOUT(returning.chatIds(), range(1, 201), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(joiner.chatIds(), range(51, 201), 60000);
        QVERIFY(returning.framesOfType(u"history.gap"_s).isEmpty());
        const QList<QJsonObject> &frames = returning.frames();
        const auto own = std::find_if(frames.cbegin(), frames.cend(), [](const QJsonObject &frame) {
            return frame.value("client_id"_L1).toString() == "c-1"_L1;
        });
        QVERIFY(own != frames.cend() && own + 1 != frames.cend());
        QCOMPARE(own->value("type"_L1).toString(), u"chat.message"_s);
        QCOMPARE((own + 1)->value("type"_L1).toString(), u"ack"_s);
        QCOMPARE((own + 1)->value("id"_L1).toInteger(), 201);
        // Presence comes after the replay, as documented.
        const auto presence = std::find_if(frames.cbegin(), frames.cend(), [](const QJsonObject &frame) {
            return frame.value("type"_L1).toString() == "presence"_L1;
        });
        QVERIFY(presence != frames.cend());
        QVERIFY(std::none_of(presence, frames.cend(), [](const QJsonObject &frame) {
            return frame.value("type"_L1).toString() == "chat.message"_L1 && frame.value("id"_L1).toInteger() < 200;
        }));

        joiner.sendJson({{"message"_L1, u"live"_s}});
        QTRY_COMPARE(returning.chatIds(), range(1, 202));
        QTRY_COMPARE(joiner.chatIds(), range(51, 202));
        QCOMPARE(joiner.socket().state(), QAbstractSocket::ConnectedState);
        QCOMPARE(returning.socket().state(), QAbstractSocket::ConnectedState);
    }

    void recoveryOfMoreThanTheCapReplaysTheNewestAndReportsTheGap()
    {
        // The daemon replays at most 1000 missed messages; the older ones are a gap the client pages for.
        ServerProcess server(arguments(u"cap"_s, {u"--history"_s, u"0"_s}));
        QVERIFY(server.start());
        {
            WsClient writer;
            QVERIFY(writer.open(server.wsUrl(u"busy"_s)));
            for (int i = 0; i < 1234; ++i)
                writer.sendJson({{"message"_L1, u"m %1"_s.arg(i)}});
            QVERIFY(writer.waitForFrames(1234, 30000));
        }
        WsClient returning(true);
        QVERIFY(returning.open(server.wsUrl(u"busy"_s, u"since=3"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(returning.chatIds(), range(235, 1234), 30000);
        const auto gaps = returning.framesOfType(u"history.gap"_s);
        QCOMPARE(gaps.size(), 1);
        QCOMPARE(gaps.first().value("since"_L1).toInteger(), 3);
        QCOMPARE(gaps.first().value("first_available"_L1).toInteger(), 235);
    }

    void tooManyHistoryRequestsWaitingCloseWith1013()
    {
        ServerProcess server(arguments(u"waiting"_s, {u"--history"_s, u"500"_s}));
        QVERIFY(server.start());
        QVERIFY(fill(server, u"heavy"_s, 500));
        RawWebSocket client;
        QVERIFY(client.open(server.port(), "/ws/chat/heavy/", 4096, "Sec-WebSocket-Protocol: kaiwa.v1\r\n"));
        // The join replay (30 MB) keeps the queue over the budget once the kernel's buffers (a few MiB)
        // are full: a few requests may be answered before that, the rest wait, 16 of them at most.
        constexpr int requests = 40;
        for (int page = 0; page < requests; ++page)
            client.sendFrame(0x1, R"({"type": "history", "limit": 500})");
        const QList<RawWebSocket::Frame> frames = client.readUntilClosed(30000);
        QCOMPARE(RawWebSocket::closeCode(frames), 1013);
        // Closed for the waiting requests, not for a full queue: the replay kept within its budget.
        const auto close = std::find_if(frames.cbegin(), frames.cend(),
                                        [](const RawWebSocket::Frame &frame) { return frame.opcode == 0x8; });
        QVERIFY(close != frames.cend());
        QVERIFY2(close->payload.contains("history requests"), close->payload.constData());
        // What was queued before the close still arrived, whole and in order.
        QList<qint64> replayed;
        qsizetype pages = 0;
        for (const RawWebSocket::Frame &frame : frames) {
            const QJsonObject event = QJsonDocument::fromJson(frame.payload).object();
            if (frame.opcode == 0x1 && event.value("type"_L1).toString() == u"chat.message"_s)
                replayed.append(event.value("id"_L1).toInteger());
            if (frame.opcode == 0x1 && event.value("type"_L1).toString() == u"history"_s)
                ++pages;
        }
        QVERIFY(!replayed.isEmpty());
        QCOMPARE(replayed, range(1, replayed.size()));
        QVERIFY2(pages < requests - 16, qPrintable(u"%1 pages answered"_s.arg(pages)));
    }

    void clientsThatNeverReadKeepTheDaemonsMemoryBounded()
    {
        // No timeout may close the abusers or the idle clients below while the test looks at them.
        ServerProcess server(arguments(u"memory"_s, {u"--head-timeout"_s, u"3600"_s, u"--idle-timeout"_s, u"3600"_s,
                                                     u"--keepalive-interval"_s, u"3600"_s}));
        QVERIFY(server.start());
        QVERIFY(fill(server, u"heavy"_s, 500)); // 30 MB of history
        const auto [rssBefore, filesBefore] = baseline(server);
        QVERIFY(rssBefore > 0 && filesBefore > 0);
        const qint64 framesBefore = receivedFrames(server);
        QVERIFY(framesBefore > 0);

        // 30 ask the API for 500 messages and 30 recover everything and ask for three pages of 500 over
        // the socket; none of them reads. (Pipelining more requests gets a connection closed: hostile tests.)
        constexpr int clients = 30;
        std::vector<std::unique_ptr<QTcpSocket>> httpClients;
        std::vector<std::unique_ptr<RawWebSocket>> socketClients;
        const QByteArray request = "GET /api/rooms/heavy/messages?limit=500 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        for (int i = 0; i < clients; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->setReadBufferSize(4096);
            socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
            socket->connectToHost(QHostAddress::LocalHost, server.port());
            QVERIFY(socket->waitForConnected(5000));
            socket->write(request);
            socket->flush();
            httpClients.push_back(std::move(socket));

            auto webSocket = std::make_unique<RawWebSocket>();
            QVERIFY(webSocket->open(server.port(), "/ws/chat/heavy/?since=0", 4096,
                                    "Sec-WebSocket-Protocol: kaiwa.v1\r\n"));
            for (int page = 0; page < 3; ++page)
                webSocket->sendFrame(0x1, R"({"type": "history", "limit": 500})");
            socketClients.push_back(std::move(webSocket));
        }
        // Wait until the daemon has answered every API client (its first bytes arrived) and taken every
        // history request: the answers are then built, and queued or waiting for their client to read.
        // Each holds about two budgets (1 MiB each) at most: one queued, one being written. Before the
        // budget, each API client alone held its whole 30 MB answer.
        const qint64 boundKiB =
            rssBefore + 2 * clients * 2 * 1024 + (ProcessStats::underAddressSanitizer() ? 320 : 32) * 1024;
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(httpClients.cbegin(), httpClients.cend(),
                                             [](const auto &socket) { return socket->bytesAvailable() > 0; }),
                                 60000);
        qint64 peakKiB = ProcessStats::rssKiB(pid(server));
        QVERIFY2(peakKiB <= boundKiB,
                 qPrintable(u"RSS %1 KiB, baseline %2 KiB, bound %3 KiB"_s.arg(peakKiB).arg(rssBefore).arg(boundKiB)));
        QTRY_VERIFY_WITH_TIMEOUT(receivedFrames(server) >= framesBefore + 3 * clients, 60000);
        // The daemon keeps serving meanwhile, and its memory stays within the bound.
        for (int round = 0; round < 10; ++round) {
            WsClient probe;
            QVERIFY(probe.open(server.wsUrl(u"bystander"_s)));
            probe.sendJson({{"message"_L1, u"still here %1"_s.arg(round)}});
            QVERIFY(probe.waitForFrames(1));
            peakKiB = std::max(peakKiB, ProcessStats::rssKiB(pid(server)));
        }
        QVERIFY2(peakKiB <= boundKiB,
                 qPrintable(u"RSS peaked at %1 KiB, baseline %2 KiB, bound %3 KiB"_s.arg(peakKiB).arg(rssBefore).arg(
                     boundKiB)));
        for (const auto &socket : socketClients)
            QCOMPARE(socket->socket().state(), QAbstractSocket::ConnectedState); // held, not closed

        // Nothing of theirs stays once they leave: the daemon gives the memory they freed back to the
        // system (docs/hardening.md), though only 60 connections closed.
        httpClients.clear();
        socketClients.clear();
        // At most as many as before (the baseline may still count a connection of the fill closing).
        QTRY_VERIFY2_WITH_TIMEOUT(
            ProcessStats::openFiles(pid(server)) <= filesBefore,
            qPrintable(u"%1 files open, %2 before"_s.arg(ProcessStats::openFiles(pid(server))).arg(filesBefore)),
            20000);
        const qint64 marginKiB = (ProcessStats::underAddressSanitizer() ? 320 : 8) * 1024;
        QTRY_VERIFY2_WITH_TIMEOUT(
            ProcessStats::rssKiB(pid(server)) <= rssBefore + marginKiB,
            qPrintable(u"RSS %1 KiB, baseline %2 KiB"_s.arg(ProcessStats::rssKiB(pid(server))).arg(rssBefore)), 10000);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHistoryBudget)
#include "tst_historybudget.moc"
