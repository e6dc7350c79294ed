// SPDX-License-Identifier: MIT
#include "server/auth/originpolicy.h"
#include "server/transport/httprequest.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Kaiwa::Server::HttpRequest;
using Kaiwa::Server::OriginPolicy;

namespace {

HttpRequest makeRequest(const QByteArray &host, const std::optional<QByteArray> &origin)
{
    HttpRequest request;
    request.method = "GET";
    request.target = request.path = "/ws/chat/lobby/";
    if (!host.isNull())
        request.headers.append({"host"_ba, host});
    if (origin)
        request.headers.append({"origin"_ba, *origin});
    return request;
}

} // namespace

class TestOriginPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameHost_data();
    void sameHost();
    void allowedList_data();
    void allowedList();
    void allowAny();
    void twoOriginsAreRefused();
    void normalizedAuthority_data();
    void normalizedAuthority();
};

void TestOriginPolicy::sameHost_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QByteArray>("origin"); // null: no Origin header
    QTest::addColumn<bool>("allowed");

    QTest::newRow("no Origin") << "example.com:8000"_ba << QByteArray() << true;
    QTest::newRow("no Origin, no Host") << QByteArray() << QByteArray() << true;
    QTest::newRow("same host and port") << "example.com:8000"_ba
                                        << "http://example.com:8000"_ba << true;
    QTest::newRow("https same host and port") << "example.com:8443"_ba
                                              << "https://example.com:8443"_ba << true;
    QTest::newRow("default http port in Host") << "example.com:80"_ba
                                               << "http://example.com"_ba << true;
    QTest::newRow("default http port in Origin") << "example.com"_ba
                                                 << "http://example.com:80"_ba << true;
    QTest::newRow("no ports") << "example.com"_ba
                              << "http://example.com"_ba << true;
    QTest::newRow("default https port") << "example.com:443"_ba
                                        << "https://example.com"_ba << true;
    QTest::newRow("https behind a proxy") << "example.com"_ba
                                          << "https://example.com"_ba << true;
    QTest::newRow("case-insensitive") << "EXAMPLE.com:8000"_ba
                                      << "HTTP://Example.COM:8000"_ba << true;
    QTest::newRow("IPv6 loopback") << "[::1]:8000"_ba
                                   << "http://[::1]:8000"_ba << true;
    QTest::newRow("IPv6 default port") << "[::1]"_ba
                                       << "http://[::1]:80"_ba << true;
    QTest::newRow("IPv4 loopback") << "127.0.0.1:8000"_ba
                                   << "http://127.0.0.1:8000"_ba << true;

    QTest::newRow("different port") << "example.com:8000"_ba
                                    << "http://example.com:8001"_ba << false;
    QTest::newRow("port against default") << "example.com:8000"_ba
                                          << "http://example.com"_ba << false;
    QTest::newRow("http port for https") << "example.com:80"_ba
                                         << "https://example.com"_ba << false;
    QTest::newRow("different host") << "example.com:8000"_ba
                                    << "http://evil.example:8000"_ba << false;
    QTest::newRow("suffix host") << "example.com"_ba
                                 << "http://evilexample.com"_ba << false;
    QTest::newRow("subdomain") << "example.com"_ba
                               << "http://www.example.com"_ba << false;
    QTest::newRow("IPv6 different port") << "[::1]:8000"_ba
                                         << "http://[::1]:8001"_ba << false;
    QTest::newRow("IPv6 against IPv4") << "[::1]:8000"_ba
                                       << "http://127.0.0.1:8000"_ba << false;
    QTest::newRow("null") << "example.com"_ba
                          << "null"_ba << false;
    QTest::newRow("empty Origin") << "example.com"_ba
                                  << ""_ba << false;
    QTest::newRow("file scheme") << "example.com"_ba
                                 << "file://example.com"_ba << false;
    QTest::newRow("ws scheme") << "example.com"_ba
                               << "ws://example.com"_ba << false;
    QTest::newRow("garbage") << "example.com"_ba
                             << "example.com"_ba << false;
    QTest::newRow("Origin but no Host") << QByteArray() << "http://example.com"_ba << false;
}

void TestOriginPolicy::sameHost()
{
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, origin);
    QFETCH(bool, allowed);
    const OriginPolicy policy;
    const std::optional<QByteArray> originHeader = origin.isNull() ? std::nullopt : std::optional(origin);
    QCOMPARE(policy.isAllowed(makeRequest(host, originHeader)), allowed);
}

void TestOriginPolicy::allowedList_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<bool>("allowed");

    QTest::newRow("listed") << "https://chat.example.com"_ba << true;
    QTest::newRow("listed, other case") << "HTTPS://Chat.Example.com"_ba << true;
    QTest::newRow("listed with trailing slash in the list") << "http://localhost:3000"_ba << true;
    QTest::newRow("listed with port") << "http://other.example:8080"_ba << true;
    QTest::newRow("same host still allowed") << "http://kaiwa.local:8000"_ba << true;
    QTest::newRow("scheme differs") << "http://chat.example.com"_ba << false;
    QTest::newRow("port differs") << "http://other.example:8081"_ba << false;
    QTest::newRow("not listed") << "https://evil.example"_ba << false;
    QTest::newRow("null") << "null"_ba << false;
}

void TestOriginPolicy::allowedList()
{
    QFETCH(QByteArray, origin);
    QFETCH(bool, allowed);
    const OriginPolicy policy(
        {"https://chat.example.com"_ba, " http://localhost:3000/ "_ba, "http://other.example:8080"_ba});
    QCOMPARE(policy.isAllowed(makeRequest("kaiwa.local:8000"_ba, origin)), allowed);
}

void TestOriginPolicy::allowAny()
{
    const OriginPolicy policy({"*"_ba});
    QVERIFY(policy.isAllowed(makeRequest("kaiwa.local:8000"_ba, "https://evil.example"_ba)));
    QVERIFY(policy.isAllowed(makeRequest("kaiwa.local:8000"_ba, "null"_ba)));
    QVERIFY(policy.isAllowed(makeRequest("kaiwa.local:8000"_ba, std::nullopt)));

    const OriginPolicy mixed({"https://chat.example.com"_ba, "*"_ba});
    QVERIFY(mixed.isAllowed(makeRequest("kaiwa.local:8000"_ba, "http://anything.example"_ba)));
}

void TestOriginPolicy::twoOriginsAreRefused()
{
    // The first would pass alone; a proxy reading the last, or the two joined, sees another origin.
    HttpRequest request = makeRequest("kaiwa.local:8000"_ba, "http://kaiwa.local:8000"_ba);
    QVERIFY(OriginPolicy().isAllowed(request));
    request.headers.append({"origin"_ba, "https://evil.example"_ba});
    QVERIFY(!OriginPolicy().isAllowed(request));
    QVERIFY(!OriginPolicy({"*"_ba}).isAllowed(request));
    request.headers.last().second = "http://kaiwa.local:8000"_ba;
    QVERIFY(!OriginPolicy().isAllowed(request));
}

void TestOriginPolicy::normalizedAuthority_data()
{
    QTest::addColumn<QByteArray>("scheme");
    QTest::addColumn<QByteArray>("authority");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("http default") << "http"_ba
                                  << "Example.com:80"_ba
                                  << "example.com"_ba;
    QTest::newRow("http other") << "http"_ba
                                << "example.com:8080"_ba
                                << "example.com:8080"_ba;
    QTest::newRow("http 443 kept") << "http"_ba
                                   << "example.com:443"_ba
                                   << "example.com:443"_ba;
    QTest::newRow("https default") << "https"_ba
                                   << "example.com:443"_ba
                                   << "example.com"_ba;
    QTest::newRow("https 80 kept") << "https"_ba
                                   << "example.com:80"_ba
                                   << "example.com:80"_ba;
    QTest::newRow("wss default") << "wss"_ba
                                 << "example.com:443"_ba
                                 << "example.com"_ba;
    QTest::newRow("ws default") << "ws"_ba
                                << "example.com:80"_ba
                                << "example.com"_ba;
    QTest::newRow("port 8080 not cut to 80") << "http"_ba
                                             << "example.com:8080"_ba
                                             << "example.com:8080"_ba;
    QTest::newRow("IPv6 with default port") << "http"_ba
                                            << "[::1]:80"_ba
                                            << "[::1]"_ba;
    QTest::newRow("IPv6 without port") << "http"_ba
                                       << "[::1]"_ba
                                       << "[::1]"_ba;
    QTest::newRow("IPv6 with port") << "http"_ba
                                    << "[::1]:8000"_ba
                                    << "[::1]:8000"_ba;
    QTest::newRow("IPv6 ending in :80") << "http"_ba
                                        << "[2001:db8::80]"_ba
                                        << "[2001:db8::80]"_ba;
}

void TestOriginPolicy::normalizedAuthority()
{
    QFETCH(QByteArray, scheme);
    QFETCH(QByteArray, authority);
    QFETCH(QByteArray, expected);
    QCOMPARE(OriginPolicy::normalizedAuthority(scheme, authority), expected);
}

QTEST_GUILESS_MAIN(TestOriginPolicy)
#include "tst_originpolicy.moc"
