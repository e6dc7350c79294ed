// SPDX-License-Identifier: MIT
// History that survives: replay on join, recovery with ?since=, gaps, idempotent sends, paging,
// the JSON API, and a real kill -9 in the middle of a flood. Real kaiwa-server processes on
// real SQLite files in temporary directories.
#include "util/servercommand.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include "common/protocol.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> ids;
    for (qint64 id = first; id <= last; ++id)
        ids.append(id);
    return ids;
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;

    QString databasePath(const QString &name) const { return m_dir.filePath(name + u".sqlite"_s); }

    /// Posts `count` messages through one client, each after the previous one's echo.
    static bool post(WsClient &client, int count, const QString &prefix = u"m"_s)
    {
        const qsizetype before = client.chatTexts().size();
        for (int i = 0; i < count; ++i) {
            client.sendJson({{"message"_L1, u"%1 %2"_s.arg(prefix).arg(i)}});
            if (!client.waitForFrames(client.frames().size() + 1))
                return false;
        }
        return client.chatTexts().size() == before + count;
    }

    std::pair<int, QJsonDocument> get(ServerProcess &server, const QString &path)
    {
        std::unique_ptr<QNetworkReply> reply(m_network.get(QNetworkRequest(server.httpUrl(path))));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(10000))
            return {-1, {}};
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                QJsonDocument::fromJson(reply->readAll())};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void joinReplaysLatestThenLive()
    {
        ServerProcess server({u"--database"_s, databasePath(u"replay"_s), u"--history"_s, u"5"_s});
        QVERIFY(server.start());
        WsClient writer;
        QVERIFY(writer.open(server.wsUrl(u"replay"_s)));
        QVERIFY(post(writer, 8));
        WsClient late;
        QVERIFY(late.open(server.wsUrl(u"replay"_s)));
        QVERIFY(late.waitForFrames(5));
        QCOMPARE(late.chatTexts(), (QStringList{u"m 3"_s, u"m 4"_s, u"m 5"_s, u"m 6"_s, u"m 7"_s}));
        QCOMPARE(late.chatIds(), range(4, 8));
        writer.sendJson({{"message"_L1, u"live"_s}});
        QTRY_COMPARE(late.chatTexts().size(), 6);
        QCOMPARE(late.chatTexts().last(), u"live"_s);
        QCOMPARE(late.chatIds().last(), 9);
    }

    void replayThenLiveHasNoGapNorDuplicateUnderConcurrentSends()
    {
        ServerProcess server(
            {u"--database"_s, databasePath(u"concurrent"_s), u"--history"_s, u"1000"_s, u"--rate-limit"_s, u"0"_s});
        QVERIFY(server.start());
        WsClient writer;
        QVERIFY(writer.open(server.wsUrl(u"busy"_s)));
        constexpr int total = 400;
        std::vector<std::unique_ptr<WsClient>> joiners;
        for (int i = 0; i < total; ++i) {
            writer.sendJson({{"message"_L1, u"flood %1"_s.arg(i)}});
            // Join while messages are in flight: some stored but not yet broadcast, some not yet stored.
            if (i % 100 == 50) {
                joiners.push_back(std::make_unique<WsClient>());
                QVERIFY(joiners.back()->open(server.wsUrl(u"busy"_s)));
            }
        }
        QVERIFY(writer.waitForFrames(total, 30000));
        for (const auto &joiner : joiners) {
            QTRY_COMPARE_WITH_TIMEOUT(joiner->chatIds().size() > 0 && joiner->chatIds().last() == total, true, 30000);
            // Replay, then live: every id from 1 to the end, each exactly once, in order.
            QCOMPARE(joiner->chatIds(), range(1, total));
        }
    }

    void reconnectWithSinceGetsExactlyWhatWasMissed()
    {
        ServerProcess server({u"--database"_s, databasePath(u"since"_s)});
        QVERIFY(server.start());
        WsClient writer;
        QVERIFY(writer.open(server.wsUrl(u"since"_s)));
        QVERIFY(post(writer, 10));
        QVERIFY(post(writer, 7, u"missed"_s));
        WsClient returning(true);
        QVERIFY(returning.open(server.wsUrl(u"since"_s, u"since=10"_s)));
        QTRY_COMPARE(returning.chatIds(), range(11, 17));
        QCOMPARE(returning.chatTexts().first(), u"missed 0"_s);
        QVERIFY(returning.framesOfType(u"history.gap"_s).isEmpty());
        writer.sendJson({{"message"_L1, u"after"_s}});
        QTRY_COMPARE(returning.chatIds(), range(11, 18));
    }

    void recoveryBeyondRetentionIsReportedAsAGap()
    {
        const QString database = databasePath(u"gap"_s);
        {
            ServerProcess server({u"--database"_s, database});
            QVERIFY(server.start());
            WsClient writer;
            QVERIFY(writer.open(server.wsUrl(u"gap"_s)));
            QVERIFY(post(writer, 20));
            QCOMPARE(server.stop(), 0);
        }
        // Retention runs at start-up: only the newest 5 of 20 are kept.
        ServerProcess server({u"--database"_s, database, u"--retain-messages"_s, u"5"_s});
        QVERIFY(server.start());
        QTRY_COMPARE(get(server, u"/api/rooms"_s).second.array().first().toObject().value("messages"_L1).toInteger(),
                     5);
        WsClient returning(true);
        QVERIFY(returning.open(server.wsUrl(u"gap"_s, u"since=3"_s)));
        QTRY_COMPARE(returning.chatIds(), range(16, 20));
        const auto gaps = returning.framesOfType(u"history.gap"_s);
        QCOMPARE(gaps.size(), 1);
        QCOMPARE(gaps.first().value("since"_L1).toInteger(), 3);
        QCOMPARE(gaps.first().value("first_available"_L1).toInteger(), 16);
        // Ids keep increasing after retention emptied the older part.
        returning.sendJson({{"message"_L1, u"next"_s}});
        QTRY_COMPARE(returning.chatIds().last(), 21);
    }

    void resendingAClientIdIsNotStoredTwice()
    {
        ServerProcess server({u"--database"_s, databasePath(u"idempotent"_s)});
        QVERIFY(server.start());
        WsClient watcher;
        QVERIFY(watcher.open(server.wsUrl(u"once"_s)));
        QJsonObject message{{"message"_L1, u"exactly once"_s}, {"client_id"_L1, u"c0ffee-1"_s}};
        qint64 id = 0;
        {
            WsClient sender(true);
            QVERIFY(sender.open(server.wsUrl(u"once"_s)));
            sender.sendJson(message);
            QTRY_COMPARE(sender.framesOfType(u"ack"_s).size(), 1);
            const QJsonObject ack = sender.framesOfType(u"ack"_s).first();
            QCOMPARE(ack.value("duplicate"_L1).toBool(), false);
            QCOMPARE(ack.value("client_id"_L1).toString(), u"c0ffee-1"_s);
            id = ack.value("id"_L1).toInteger();
            QVERIFY(id > 0);
        }
        // The outbox of a reconnecting client sends the same message again.
        WsClient again(true);
        QVERIFY(again.open(server.wsUrl(u"once"_s)));
        again.sendJson(message);
        QTRY_COMPARE(again.framesOfType(u"ack"_s).size(), 1);
        const QJsonObject ack = again.framesOfType(u"ack"_s).first();
        QCOMPARE(ack.value("duplicate"_L1).toBool(), true);
        QCOMPARE(ack.value("id"_L1).toInteger(), id);
        again.sendJson({{"message"_L1, u"sync"_s}});
        QTRY_COMPARE(watcher.chatTexts(), (QStringList{u"exactly once"_s, u"sync"_s}));
    }

    void storedTextIsTheTextThatWasSent()
    {
        // JSON's \ud800 escapes can carry a lone surrogate, which is no character and which UTF-8
        // cannot hold: refused, rather than shown live as "?" and stored as something else again.
        ServerProcess server({u"--database"_s, databasePath(u"surrogates"_s)});
        QVERIFY(server.start());
        WsClient sender(true);
        QVERIFY(sender.open(server.wsUrl(u"text"_s)));
        sender.sendText(uR"({"message": "\ud800x"})"_s);
        sender.sendText(uR"({"message": "ok", "client_id": "id-\udfff"})"_s);
        QTRY_COMPARE(sender.framesOfType(u"error"_s).size(), 2);
        QCOMPARE(sender.framesOfType(u"error"_s).at(0).value("code"_L1).toString(), u"invalid_message"_s);
        QCOMPARE(sender.framesOfType(u"error"_s).at(1).value("code"_L1).toString(), u"invalid_field"_s);
        // Whole characters outside the BMP, escaped as pairs, arrive and stay exactly as sent.
        const QString whole = u"\U0001F389 ok \U00010078x"_s;
        sender.sendText(uR"({"message": "\ud83c\udf89 ok \ud800\udc78x"})"_s);
        QTRY_COMPARE(sender.chatTexts(), QStringList{whole});
        WsClient late;
        QVERIFY(late.open(server.wsUrl(u"text"_s)));
        QTRY_COMPARE(late.chatTexts(), QStringList{whole}); // the refused ones were never stored
    }

    void clientIdLengthCountsCharacters()
    {
        // 64 characters outside the BMP are 128 UTF-16 units and still within the limit of 64.
        ServerProcess server({u"--database"_s, databasePath(u"clientid"_s)});
        QVERIFY(server.start());
        WsClient sender(true);
        QVERIFY(sender.open(server.wsUrl(u"ids"_s)));
        const QString longest = u"\U0001F389"_s.repeated(64);
        sender.sendJson({{"message"_L1, u"64"_s}, {"client_id"_L1, longest}});
        sender.sendJson({{"message"_L1, u"65"_s}, {"client_id"_L1, longest + u"\U0001F389"_s}});
        QTRY_COMPARE(sender.framesOfType(u"ack"_s).size() + sender.framesOfType(u"error"_s).size(), 2);
        QCOMPARE(sender.framesOfType(u"ack"_s).size(), 1);
        QCOMPARE(sender.framesOfType(u"ack"_s).first().value("client_id"_L1).toString(), longest);
        QCOMPARE(sender.framesOfType(u"error"_s).first().value("code"_L1).toString(), u"invalid_field"_s);
        QCOMPARE(sender.chatTexts(), QStringList{u"64"_s});
    }

    void historyPagesWalkEveryMessageOnce()
    {
        ServerProcess server(
            {u"--database"_s, databasePath(u"paging"_s), u"--rate-limit"_s, u"0"_s, u"--history"_s, u"0"_s});
        QVERIFY(server.start());
        WsClient writer;
        QVERIFY(writer.open(server.wsUrl(u"pages"_s)));
        constexpr int total = 1234;
        for (int i = 0; i < total; ++i)
            writer.sendJson({{"message"_L1, u"p %1"_s.arg(i)}});
        QVERIFY(writer.waitForFrames(total, 30000));

        WsClient reader(true);
        QVERIFY(reader.open(server.wsUrl(u"pages"_s)));
        QList<qint64> seen;
        qint64 before = 0;
        for (bool more = true; more;) {
            const qsizetype pages = reader.framesOfType(u"history"_s).size();
            reader.sendJson({{"type"_L1, u"history"_s}, {"before"_L1, before}, {"limit"_L1, 100}});
            QTRY_COMPARE(reader.framesOfType(u"history"_s).size(), pages + 1);
            const QJsonObject page = reader.framesOfType(u"history"_s).last();
            const QJsonArray messages = page.value("messages"_L1).toArray();
            QVERIFY(!messages.isEmpty());
            QList<qint64> ids;
            for (const QJsonValue &message : messages)
                ids.append(message.toObject().value("id"_L1).toInteger());
            QVERIFY(std::is_sorted(ids.begin(), ids.end()));
            seen = ids + seen;
            before = ids.first();
            more = page.value("more"_L1).toBool();
        }
        QCOMPARE(seen, range(1, total));
    }

    void badHistoryParametersGetTypedErrors()
    {
        ServerProcess server({u"--database"_s, u":memory:"_s});
        QVERIFY(server.start());
        WsClient client(true);
        QVERIFY(client.open(server.wsUrl(u"bad"_s)));
        client.sendJson({{"type"_L1, u"history"_s}, {"before"_L1, -5}});
        client.sendJson({{"type"_L1, u"history"_s}, {"limit"_L1, 100000}});
        client.sendJson({{"type"_L1, u"history"_s}, {"before"_L1, u"12"_s}});
        QTRY_COMPARE(client.framesOfType(u"error"_s).size(), 3);
        for (const QJsonObject &error : client.framesOfType(u"error"_s))
            QCOMPARE(error.value("code"_L1).toString(), u"invalid_field"_s);
        // Bad `since` on the upgrade is refused before the 101.
        WsClient refused;
        QVERIFY(!refused.open(server.wsUrl(u"bad"_s, u"since=-1"_s), 5000));
        WsClient refusedText;
        QVERIFY(!refusedText.open(server.wsUrl(u"bad"_s, u"since=abc"_s), 5000));
    }

    void apiListsRoomsAndPagesMessages()
    {
        ServerProcess server({u"--database"_s, databasePath(u"api"_s)});
        QVERIFY(server.start());
        WsClient writer;
        QVERIFY(writer.open(server.wsUrl(u"雑談"_s)));
        QVERIFY(post(writer, 12));
        const auto [status, rooms] = get(server, u"/api/rooms"_s);
        QCOMPARE(status, 200);
        const QJsonObject room = rooms.array().first().toObject();
        QCOMPARE(room.value("room"_L1).toString(), u"雑談"_s);
        QCOMPARE(room.value("members"_L1).toInteger(), 1);
        QCOMPARE(room.value("messages"_L1).toInteger(), 12);
        QCOMPARE(room.value("last_id"_L1).toInteger(), 12);
        QVERIFY(QDateTime::fromString(room.value("last_activity"_L1).toString(), Qt::ISODateWithMs).isValid());

        const auto [pageStatus, page] = get(server, u"/api/rooms/%E9%9B%91%E8%AB%87/messages?before=10&limit=4"_s);
        QCOMPARE(pageStatus, 200);
        QCOMPARE(page.object().value("more"_L1).toBool(), true);
        QList<qint64> ids;
        for (const QJsonValue &message : page.object().value("messages"_L1).toArray())
            ids.append(message.toObject().value("id"_L1).toInteger());
        QCOMPARE(ids, range(6, 9));

        QCOMPARE(get(server, u"/api/rooms/lobby/messages?limit=0"_s).first, 400);
        QCOMPARE(get(server, u"/api/rooms/lobby/messages?before=x"_s).first, 400);
        QVERIFY(get(server, u"/api/rooms/lobby/messages?limit=0"_s).second.object().contains("error"_L1));
        QCOMPARE(get(server, u"/api/rooms/bad%20room/messages"_s).first, 404);
    }

    void killNineMidFloodLosesNothingAnyoneReceived()
    {
        const QString database = databasePath(u"crash"_s);
        QSet<QString> received; // every message any client saw, with its id
        qint64 highest = 0;
        {
            ServerProcess server({u"--database"_s, database, u"--rate-limit"_s, u"0"_s});
            QVERIFY(server.start());
            WsClient sender(true);
            WsClient observer;
            QVERIFY(sender.open(server.wsUrl(u"crash"_s)));
            QVERIFY(observer.open(server.wsUrl(u"crash"_s)));
            // Keep sending while the first deliveries arrive, and kill the daemon in the middle of it.
            int sent = 0;
            while (observer.chatTexts().size() < 1000 && sent < 100000) {
                for (int i = 0; i < 50; ++i, ++sent)
                    sender.sendJson({{"message"_L1, u"flood %1"_s.arg(sent)}, {"client_id"_L1, u"f-%1"_s.arg(sent)}});
                QCoreApplication::processEvents();
            }
            server.kill();
            QVERIFY(observer.waitForClose());
            for (const QJsonObject &frame : observer.frames()) {
                received.insert(
                    u"%1:%2"_s.arg(frame.value("id"_L1).toInteger()).arg(frame.value("message"_L1).toString()));
                highest = qMax(highest, frame.value("id"_L1).toInteger());
            }
            QVERIFY2(received.size() < sent, "the kill came after the flood ended");
        }
        ServerProcess restarted({u"--database"_s, database, u"--history"_s, u"0"_s});
        QVERIFY(restarted.start());
        QSet<QString> stored;
        QList<qint64> ids;
        for (qint64 before = 0;;) {
            const auto [status, page] = get(restarted, u"/api/rooms/crash/messages?limit=500&before=%1"_s.arg(before));
            QCOMPARE(status, 200);
            const QJsonArray messages = page.object().value("messages"_L1).toArray();
            for (const QJsonValue &value : messages) {
                const QJsonObject message = value.toObject();
                stored.insert(
                    u"%1:%2"_s.arg(message.value("id"_L1).toInteger()).arg(message.value("message"_L1).toString()));
            }
            QList<qint64> pageIds;
            for (const QJsonValue &value : messages)
                pageIds.append(value.toObject().value("id"_L1).toInteger());
            ids = pageIds + ids;
            if (!page.object().value("more"_L1).toBool())
                break;
            before = pageIds.first();
        }
        QVERIFY2(stored.contains(received), "a message a client received is missing from the history");
        QCOMPARE(ids, range(1, ids.size())); // increasing, no holes, no duplicates
        QVERIFY(ids.size() >= highest);
        // Ids continue after the restart.
        WsClient after;
        QVERIFY(after.open(restarted.wsUrl(u"crash"_s)));
        after.sendJson({{"message"_L1, u"after the crash"_s}});
        QTRY_COMPARE(after.frames().size(), 1);
        QCOMPARE(after.frames().first().value("id"_L1).toInteger(), ids.size() + 1);
    }

    void unusableDatabaseIsOneLineAndExitOne_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("corrupt file") << u"corrupt"_s;
        QTest::newRow("directory under a file") << u"unwritable"_s;
    }

    void unusableDatabaseIsOneLineAndExitOne()
    {
        QFETCH(QString, kind);
        QString path = m_dir.filePath(kind + u".sqlite"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, '\x5a'));
        file.close();
        if (kind == u"unwritable"_s)
            path += u"/sub/kaiwa.sqlite"_s; // a regular file stands where a directory must be, even for root
        const auto refused = ServerCommand::run({u"--port"_s, u"0"_s, u"--database"_s, path});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.out.isEmpty()); // it never announced itself
        const QByteArray lastLine = refused.lastErrorLine();
        QVERIFY2(lastLine.startsWith("kaiwa-server: cannot open the database"), lastLine.constData());
    }
};

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
