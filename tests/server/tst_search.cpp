// SPDX-License-Identifier: MIT
// GET /api/search against a real kaiwa-server on a real SQLite file: Japanese found by short words, width and case
// folded, a room filter, paging with next_before, edits found by their new text only and deletes not at all, the
// 400s, the rate limit per client address and --require-login.
#include "util/httpexchange.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <vector>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

struct Answer {
    int status = 0;
    QJsonObject body;
    HttpExchange exchange;
};

Answer get(quint16 port, const QByteArray &target, const QByteArray &extraHeaders = {})
{
    const HttpExchange exchange = HttpExchange::run(port, "GET", target, extraHeaders);
    return {exchange.status, QJsonDocument::fromJson(exchange.body).object(), exchange};
}

/// /api/search with the query (percent-encoded here) and further raw parameters.
QByteArray searchTarget(const QString &query, const QByteArray &more = {})
{
    return "/api/search?q=" + QUrl::toPercentEncoding(query) + more;
}

QList<qint64> resultIds(const QJsonObject &body)
{
    QList<qint64> ids;
    for (const QJsonValue &result : body.value("results"_L1).toArray())
        ids.append(result.toObject().value("id"_L1).toInteger());
    return ids;
}

/// Sends a frame and waits for what it makes the server send back to the sender.
bool sendAndWait(WsClient &client, const QJsonObject &frame)
{
    const qsizetype before = client.frames().size();
    client.sendJson(frame);
    return client.waitForFrames(before + 1);
}

bool post(WsClient &client, const QString &text)
{
    return sendAndWait(client, {{"message"_L1, text}});
}

/// `highlights` as the API gives them. Not QJsonArray{QJsonArray{...}}: one element of the same type is a copy for
/// clang, a nesting for gcc.
QJsonArray spans(std::initializer_list<std::pair<int, int>> list)
{
    QJsonArray array;
    for (const auto &[start, length] : list)
        array.append(QJsonArray{start, length});
    return array;
}

} // namespace

class TestSearch : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_databases = 0;
    QString database() { return m_dir.filePath(u"search-%1.sqlite"_s.arg(++m_databases)); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void findsShortJapaneseWordsInEveryRoomOrInOne()
    {
        ServerProcess server({u"--database"_s, database()});
        QVERIFY(server.start());
        WsClient lobby(true);
        WsClient garden(true);
        QVERIFY(lobby.open(server.wsUrl(u"lobby"_s)));
        QVERIFY(garden.open(server.wsUrl(u"庭"_s)));
        QVERIFY(post(lobby, u"今日は雑談しよう"_s));
        QVERIFY(post(lobby, u"We deploy ABC today"_s));
        QVERIFY(post(garden, u"雑音がひどい"_s));

        Answer answer = get(server.port(), searchTarget(u"雑談"_s));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.body.value("query"_L1).toString(), u"雑談"_s);
        QCOMPARE(answer.body.value("more"_L1).toBool(), false);
        QVERIFY(!answer.body.contains("next_before"_L1));
        const QJsonArray results = answer.body.value("results"_L1).toArray();
        QCOMPARE(results.size(), 1);
        const QJsonObject hit = results.first().toObject();
        QCOMPARE(hit.value("type"_L1).toString(), u"chat.message"_s);
        QCOMPARE(hit.value("room"_L1).toString(), u"lobby"_s);
        QCOMPARE(hit.value("id"_L1).toInteger(), 1);
        QCOMPARE(hit.value("message"_L1).toString(), u"今日は雑談しよう"_s);
        QCOMPARE(hit.value("highlights"_L1).toArray(), spans({{3, 2}}));

        // One character finds both rooms, newest first; a room filter only its own; an unknown room nothing.
        answer = get(server.port(), searchTarget(u"雑"_s));
        QCOMPARE(answer.body.value("results"_L1).toArray().size(), 2);
        QCOMPARE(answer.body.value("results"_L1).toArray().at(0).toObject().value("room"_L1).toString(), u"庭"_s);
        answer = get(server.port(), searchTarget(u"雑"_s, "&room=" + QUrl::toPercentEncoding(u"庭"_s)));
        QCOMPARE(resultIds(answer.body), QList<qint64>{1});
        QCOMPARE(answer.body.value("results"_L1).toArray().at(0).toObject().value("message"_L1).toString(),
                 u"雑音がひどい"_s);
        answer = get(server.port(), searchTarget(u"雑"_s, "&room=nowhere"));
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.body.value("results"_L1).toArray().isEmpty());

        // Width and case; words by their start.
        answer = get(server.port(), searchTarget(u"ＡＢＣ"_s));
        QCOMPARE(resultIds(answer.body), QList<qint64>{2});
        QCOMPARE(answer.body.value("results"_L1).toArray().at(0).toObject().value("highlights"_L1).toArray(),
                 spans({{10, 3}}));
        QCOMPARE(resultIds(get(server.port(), searchTarget(u"dep"_s)).body), QList<qint64>{2});
        QVERIFY(resultIds(get(server.port(), searchTarget(u"ploy"_s)).body).isEmpty());
    }

    void pagesWithNextBefore()
    {
        ServerProcess server({u"--database"_s, database(), u"--rate-limit"_s, u"0"_s});
        QVERIFY(server.start());
        WsClient lobby(true);
        WsClient other(true);
        QVERIFY(lobby.open(server.wsUrl(u"lobby"_s)));
        QVERIFY(other.open(server.wsUrl(u"other"_s)));
        for (int i = 1; i <= 12; ++i)
            QVERIFY(post(lobby, u"note %1"_s.arg(i)));
        for (int i = 1; i <= 3; ++i)
            QVERIFY(post(other, u"note elsewhere %1"_s.arg(i)));

        // One room: by message id.
        QList<qint64> ids;
        QByteArray before;
        for (int page = 0; page < 10; ++page) {
            const Answer answer = get(server.port(), searchTarget(u"note"_s, "&room=lobby&limit=5" + before));
            QCOMPARE(answer.status, 200);
            ids += resultIds(answer.body);
            if (!answer.body.value("more"_L1).toBool())
                break;
            QCOMPARE(answer.body.value("next_before"_L1).toInteger(), ids.last());
            before = "&before=" + QByteArray::number(answer.body.value("next_before"_L1).toInteger());
        }
        QCOMPARE(ids, (QList<qint64>{12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));

        // Every room: an opaque position; every match once.
        int total = 0;
        before.clear();
        for (int page = 0; page < 10; ++page) {
            const Answer answer = get(server.port(), searchTarget(u"note"_s, "&limit=4" + before));
            total += int(answer.body.value("results"_L1).toArray().size());
            if (!answer.body.value("more"_L1).toBool())
                break;
            before = "&before=" + QByteArray::number(answer.body.value("next_before"_L1).toInteger());
        }
        QCOMPARE(total, 15);
    }

    void findsEditsByTheirNewTextAndDeletesNotAtAll()
    {
        ServerProcess server({u"--database"_s, database()});
        QVERIFY(server.start());
        WsClient alice(true);
        QVERIFY(alice.open(server.wsUrl(u"lobby"_s)));
        QVERIFY(post(alice, u"the old plan"_s));
        QVERIFY(sendAndWait(alice, {{"type"_L1, "edit"_L1}, {"id"_L1, 1}, {"message"_L1, u"the new 計画"_s}}));
        QVERIFY(resultIds(get(server.port(), searchTarget(u"old"_s)).body).isEmpty());
        const Answer edited = get(server.port(), searchTarget(u"計画"_s));
        QCOMPARE(resultIds(edited.body), QList<qint64>{1});
        const QJsonObject hit = edited.body.value("results"_L1).toArray().at(0).toObject();
        QCOMPARE(hit.value("message"_L1).toString(), u"the new 計画"_s);
        QVERIFY(hit.contains("edited"_L1));

        QVERIFY(sendAndWait(alice, {{"type"_L1, "delete"_L1}, {"id"_L1, 1}}));
        QVERIFY(resultIds(get(server.port(), searchTarget(u"計画"_s)).body).isEmpty());
        QVERIFY(resultIds(get(server.port(), searchTarget(u"new"_s)).body).isEmpty());
    }

    void refusesBadInput()
    {
        ServerProcess server({u"--database"_s, database(), u"--rate-limit"_s, u"0"_s});
        QVERIFY(server.start());
        const QList<std::pair<QByteArray, QString>> cases{
            {"/api/search", u"empty_query"_s},
            {"/api/search?q=%20%20", u"empty_query"_s},
            {"/api/search?q=%3F%21%E3%80%81", u"empty_query"_s}, // punctuation only
            {searchTarget(QString(201, u'あ')), u"query_too_long"_s},
            {searchTarget(u"x"_s, "&before=x"), u"before"_s},
            {searchTarget(u"x"_s, "&before=-1"), u"before"_s},
            {searchTarget(u"x"_s, "&limit=0"), u"limit"_s},
            {searchTarget(u"x"_s, "&limit=101"), u"limit"_s},
            {searchTarget(u"x"_s, "&room="), u"room"_s},
            {searchTarget(u"x"_s, "&room=bad%20room"), u"room"_s},
        };
        for (const auto &[target, error] : cases) {
            const Answer answer = get(server.port(), target);
            QVERIFY2(answer.status == 400, target.constData());
            QVERIFY2(answer.body.value("error"_L1).toString().startsWith(error), answer.exchange.body.constData());
        }
        // The longest query allowed, and the largest page, are taken.
        QCOMPARE(get(server.port(), searchTarget(QString(200, u'あ'))).status, 200);
        QCOMPARE(get(server.port(), searchTarget(u"x"_s, "&limit=100")).status, 200);
    }

    void isRateLimitedPerClient()
    {
        // Many searches at once: the burst passes, the rest is refused with Retry-After until the bucket refills.
        const auto burst = [](quint16 port) {
            std::vector<HttpRequestInFlight> requests;
            for (int i = 0; i < 60; ++i)
                requests.emplace_back(port, "GET", searchTarget(u"hello"_s));
            QList<HttpExchange> answers;
            for (HttpRequestInFlight &request : requests)
                answers.append(request.finish());
            return answers;
        };
        ServerProcess limited({u"--database"_s, database()});
        QVERIFY(limited.start());
        int ok = 0;
        int refused = 0;
        for (const HttpExchange &answer : burst(limited.port())) {
            if (answer.status == 200)
                ++ok;
            if (answer.status == 429) {
                ++refused;
                QCOMPARE(QJsonDocument::fromJson(answer.body).object().value("error"_L1).toString(), u"rate_limited"_s);
                QCOMPARE(answer.header("retry-after"), QByteArray("1"));
            }
        }
        QCOMPARE(ok + refused, 60);
        QVERIFY2(ok >= 10 && refused > 0, qPrintable(u"%1 answered, %2 refused"_s.arg(ok).arg(refused)));

        // --rate-limit 0 turns it off, as it does for messages.
        ServerProcess unlimited({u"--database"_s, database(), u"--rate-limit"_s, u"0"_s});
        QVERIFY(unlimited.start());
        for (const HttpExchange &answer : burst(unlimited.port()))
            QCOMPARE(answer.status, 200);
    }

    void requiresSignInWhenTheServerDoes()
    {
        const QByteArray password = "correct horse 1";
        auto server = ServerProcess::withAccount(database(), u"alice"_s, password, {u"--require-login"_s});
        QVERIFY(server);
        QVERIFY(server->start());
        const Answer anonymous = get(server->port(), searchTarget(u"hello"_s));
        QCOMPARE(anonymous.status, 401);
        QVERIFY(anonymous.exchange.header("www-authenticate").startsWith("Bearer"));

        const HttpExchange login =
            HttpExchange::run(server->port(), "POST", "/login",
                              "Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n",
                              "name=alice&password=" + password.toPercentEncoding());
        QCOMPARE(login.status, 200);
        const QByteArray token = QJsonDocument::fromJson(login.body).object().value("token"_L1).toString().toLatin1();
        QVERIFY(!token.isEmpty());
        const Answer signedIn =
            get(server->port(), searchTarget(u"hello"_s), "Authorization: Bearer " + token + "\r\n");
        QCOMPARE(signedIn.status, 200);
        QVERIFY(signedIn.body.value("results"_L1).isArray());
    }
};

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
