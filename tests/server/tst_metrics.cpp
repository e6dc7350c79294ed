// SPDX-License-Identifier: MIT
// GET /metrics and GET /healthz on a real daemon: the Prometheus text parses, its counters move
// with real traffic, and both endpoints are closed to addresses outside --monitoring-allow unless
// the --metrics-token is presented.
#include "util/httpexchange.h"
#include "util/servercommand.h"
#include "util/serverprocess.h"
#include "util/wsclient.h"

#include <QRegularExpression>
#include <QTest>

using namespace KaiwaTest;
using namespace Qt::StringLiterals;

namespace {

/// Samples by name plus labels, e.g. `kaiwa_errors_total{code="empty_message"}`.
using Samples = QHash<QString, double>;

/**
 * Parses the text exposition format (0.0.4) strictly: HELP and TYPE comments, then samples of the
 * family just typed. Fails the test on any line that does not parse.
 */
Samples parseExposition(const QByteArray &text)
{
    static const QRegularExpression sample(
        uR"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$)"_s);
    static const QRegularExpression type(
        uR"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$)"_s);
    Samples samples;
    QString family;
    QSet<QString> typed;
    for (const QString &line : QString::fromUtf8(text).split(u'\n', Qt::SkipEmptyParts)) {
        if (line.startsWith("# HELP "_L1))
            continue;
        if (const auto match = type.match(line); match.hasMatch()) {
            family = match.captured(1);
            if (typed.contains(family)) {
                QTest::qFail(qPrintable(u"family typed twice: "_s + line), __FILE__, __LINE__);
                return {};
            }
            typed.insert(family);
            continue;
        }
        const auto match = sample.match(line);
        if (!match.hasMatch() || !match.captured(1).startsWith(family)) {
            QTest::qFail(qPrintable(u"not an exposition line: "_s + line), __FILE__, __LINE__);
            return {};
        }
        bool ok = false;
        const double value = match.captured(5).toDouble(&ok);
        samples.insert(match.captured(1) + match.captured(2), ok ? value : qQNaN());
    }
    return samples;
}

Samples scrape(quint16 port)
{
    const auto response = HttpExchange::run(port, "GET", "/metrics");
    if (response.status != 200 || !response.header("content-type").startsWith("text/plain; version=0.0.4"))
        return {};
    return parseExposition(response.body);
}

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countersMove()
    {
        ServerProcess server({u"--database"_s, u":memory:"_s});
        QVERIFY(server.start());
        const quint16 port = server.port();
        const Samples before = scrape(port);
        QVERIFY(!before.isEmpty());
        QCOMPARE(before.value(u"kaiwa_websocket_connections"_s), 0.0);
        QCOMPARE(before.value(u"kaiwa_channel_layer_up"_s), 1.0);
        QCOMPARE(before.value(u"kaiwa_redis_configured"_s), 0.0);
        QVERIFY(before.contains(u"kaiwa_store_append_seconds_bucket{le=\"+Inf\"}"_s));

        WsClient first(true);
        WsClient second(true);
        QVERIFY(first.open(QUrl(u"ws://127.0.0.1:%1/ws/chat/metrics/"_s.arg(port))));
        QVERIFY(second.open(QUrl(u"ws://127.0.0.1:%1/ws/chat/metrics/"_s.arg(port))));
        for (int i = 0; i < 3; ++i)
            first.sendJson({{"message"_L1, u"m%1"_s.arg(i)}});
        first.sendJson({{"message"_L1, u""_s}}); // an error frame
        QTRY_COMPARE(second.chatTexts().size(), 3);
        QTRY_COMPARE(first.framesOfType(u"error"_s).size(), 1);

        const Samples after = scrape(port);
        QCOMPARE(after.value(u"kaiwa_websocket_connections"_s), 2.0);
        QCOMPARE(after.value(u"kaiwa_rooms"_s), 1.0);
        QCOMPARE(after.value(u"kaiwa_messages_received_total"_s) - before.value(u"kaiwa_messages_received_total"_s),
                 4.0);
        QCOMPARE(after.value(u"kaiwa_messages_stored_total"_s) - before.value(u"kaiwa_messages_stored_total"_s), 3.0);
        // Group commit: the three messages took one to three transactions (one when they came in one read).
        const double commits =
            after.value(u"kaiwa_store_commits_total"_s) - before.value(u"kaiwa_store_commits_total"_s);
        QVERIFY2(commits >= 1.0 && commits <= 3.0, qPrintable(QString::number(commits)));
        QVERIFY(after.value(u"kaiwa_messages_delivered_total"_s) - before.value(u"kaiwa_messages_delivered_total"_s)
                >= 6.0);
        QCOMPARE(after.value(u"kaiwa_errors_total{code=\"empty_message\"}"_s), 1.0);
        QVERIFY(after.value(u"kaiwa_websocket_received_bytes_total"_s) > 4 * 10);
        QVERIFY(after.value(u"kaiwa_websocket_sent_bytes_total"_s)
                > before.value(u"kaiwa_websocket_sent_bytes_total"_s));
        QCOMPARE(after.value(u"kaiwa_store_append_seconds_count"_s), 3.0);
        QCOMPARE(after.value(u"kaiwa_store_append_seconds_bucket{le=\"+Inf\"}"_s), 3.0);
        QVERIFY(after.value(u"kaiwa_connections_accepted_total"_s) >= 4.0);

        // A refused upgrade is counted by reason.
        QCOMPARE(HttpExchange::run(port, "GET", "/ws/chat/metrics/",
                                   "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://evil.example\r\n")
                     .status,
                 403);
        QCOMPARE(scrape(port).value(u"kaiwa_upgrades_refused_total{reason=\"origin\"}"_s), 1.0);
        QCOMPARE(HttpExchange::run(port, "GET", "/healthz").body, "ok\n"_ba);
    }

    void restrictedToAllowedAddressesOrToken()
    {
        // Loopback is not in the allowed subnet here: only the token opens the endpoints.
        ServerProcess server({u"--database"_s, u":memory:"_s, u"--monitoring-allow"_s, u"10.0.0.0/8"_s,
                              u"--metrics-token"_s, u"s3cret-token"_s});
        QVERIFY(server.start());
        const quint16 port = server.port();
        for (const QByteArray &path : {"/metrics"_ba, "/healthz"_ba}) {
            QCOMPARE(HttpExchange::run(port, "GET", path).status, 403);
            QCOMPARE(HttpExchange::run(port, "GET", path, "Authorization: Bearer wrong-token\r\n").status, 403);
            QCOMPARE(HttpExchange::run(port, "GET", path, "Authorization: Bearer s3cret-token\r\n").status, 200);
        }
        QVERIFY(
            !parseExposition(HttpExchange::run(port, "GET", "/metrics", "Authorization: Bearer s3cret-token\r\n").body)
                 .isEmpty());
        // The chat itself is not affected.
        QCOMPARE(HttpExchange::run(port, "GET", "/chat/").status, 200);

        // Without a token, only the allowed addresses; a bad subnet is a startup error.
        ServerProcess closed({u"--database"_s, u":memory:"_s, u"--monitoring-allow"_s, u"10.0.0.0/8"_s});
        QVERIFY(closed.start());
        QCOMPARE(HttpExchange::run(closed.port(), "GET", "/metrics", "Authorization: Bearer \r\n").status, 403);
        QCOMPARE(ServerCommand::run({u"--monitoring-allow"_s, u"10.0.0.0/99"_s}).exitCode, 2);
    }

    void forwardedClientsOfATrustedProxyAreNotLoopback()
    {
        // Behind a reverse proxy on the same host, every connection comes from loopback. With the
        // proxy listed, the client is the right-most X-Forwarded-For address that is not a proxy.
        ServerProcess server({u"--database"_s, u":memory:"_s, u"--trusted-proxy"_s, u"127.0.0.1,::1"_s});
        QVERIFY(server.start());
        const quint16 port = server.port();
        const auto status = [port](const QByteArray &forwardedFor) {
            return HttpExchange::run(port, "GET", "/metrics", "X-Forwarded-For: " + forwardedFor + "\r\n").status;
        };
        QCOMPARE(status("203.0.113.9"), 403);
        QCOMPARE(status("127.0.0.1, 203.0.113.9"), 403); // the left entry is the client's own claim
        QCOMPARE(status("203.0.113.9, 127.0.0.1"), 403); // a second proxy hop in between
        QCOMPARE(status("unknown"), 403);                // not an address: the client is unknown
        QCOMPARE(status("127.0.0.1"), 200);              // only proxies: the first hop
        // The proxy's own requests (a health check) carry no header.
        QCOMPARE(HttpExchange::run(port, "GET", "/healthz").status, 200);
        QTRY_VERIFY(server.log().contains("refusing /metrics to 203.0.113.9"));

        // Without --trusted-proxy the header means nothing: anyone could write it.
        ServerProcess plain({u"--database"_s, u":memory:"_s});
        QVERIFY(plain.start());
        QCOMPARE(HttpExchange::run(plain.port(), "GET", "/metrics", "X-Forwarded-For: 203.0.113.9\r\n").status, 200);
        ServerProcess elsewhere({u"--database"_s, u":memory:"_s, u"--trusted-proxy"_s, u"10.0.0.0/8"_s});
        QVERIFY(elsewhere.start());
        QCOMPARE(HttpExchange::run(elsewhere.port(), "GET", "/metrics", "X-Forwarded-For: 203.0.113.9\r\n").status,
                 200);
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
