// SPDX-License-Identifier: MIT
#include "server/transport/httprequest.h"
#include "server/transport/subnets.h"
#include "server/transport/trustedproxies.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Kaiwa::Server::HttpRequest;
using Kaiwa::Server::TrustedProxies;

namespace {

HttpRequest withForwardedFor(const QByteArrayList &values)
{
    HttpRequest request;
    request.method = "GET";
    request.target = request.path = "/metrics";
    for (const QByteArray &value : values)
        request.headers.append({"x-forwarded-for"_ba, value});
    return request;
}

} // namespace

class TestTrustedProxies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void clientAddress_data();
    void clientAddress();
    void clientPrefix_data();
    void clientPrefix();
    void prefixOf_data();
    void prefixOf();
};

void TestTrustedProxies::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("loopback") << u"127.0.0.1,::1"_s << true;
    QTest::newRow("subnets") << u" 10.0.0.0/8 , fd00::/8 "_s << true;
    QTest::newRow("host name") << u"proxy.example"_s << false;
    QTest::newRow("bad prefix") << u"10.0.0.0/33"_s << false;
}

void TestTrustedProxies::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const auto proxies = TrustedProxies::parse(text);
    QCOMPARE(proxies.has_value(), valid);
    if (proxies)
        QCOMPARE(proxies->isEmpty(), text.trimmed().isEmpty());
}

void TestTrustedProxies::clientAddress_data()
{
    QTest::addColumn<QString>("proxies");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QByteArrayList>("forwardedFor");
    QTest::addColumn<QString>("client"); ///< Empty: unknown (a null address).

    const QString local = u"127.0.0.1,::1,10.0.0.0/8"_s;
    QTest::newRow("no proxies: the header means nothing")
        << QString() << u"127.0.0.1"_s << QByteArrayList{"203.0.113.9"} << u"127.0.0.1"_s;
    QTest::newRow("untrusted peer: ignored")
        << local << u"198.51.100.1"_s << QByteArrayList{"203.0.113.9"} << u"198.51.100.1"_s;
    QTest::newRow("trusted peer, no header") << local << u"127.0.0.1"_s << QByteArrayList{} << u"127.0.0.1"_s;
    QTest::newRow("one hop") << local << u"127.0.0.1"_s << QByteArrayList{"203.0.113.9"} << u"203.0.113.9"_s;
    QTest::newRow("client's claim left of it")
        << local << u"127.0.0.1"_s << QByteArrayList{"127.0.0.1, 203.0.113.9"} << u"203.0.113.9"_s;
    QTest::newRow("two proxies") << local << u"127.0.0.1"_s << QByteArrayList{"203.0.113.9, 10.1.2.3"}
                                 << u"203.0.113.9"_s;
    QTest::newRow("two header lines") << local << u"127.0.0.1"_s
                                      << QByteArrayList{"198.51.100.7", "203.0.113.9, 10.1.2.3"} << u"203.0.113.9"_s;
    QTest::newRow("only proxies: the first hop")
        << local << u"127.0.0.1"_s << QByteArrayList{"10.9.9.9, 10.1.2.3"} << u"10.9.9.9"_s;
    QTest::newRow("IPv4-mapped peer") << local << u"::ffff:127.0.0.1"_s << QByteArrayList{"203.0.113.9"}
                                      << u"203.0.113.9"_s;
    QTest::newRow("IPv6 client") << local << u"::1"_s << QByteArrayList{"2001:db8::7"} << u"2001:db8::7"_s;
    QTest::newRow("IPv6 client with a port")
        << local << u"::1"_s << QByteArrayList{"[2001:db8::7]:4711"} << u"2001:db8::7"_s;
    QTest::newRow("IPv4 client with a port")
        << local << u"::1"_s << QByteArrayList{"203.0.113.9:4711"} << u"203.0.113.9"_s;
    QTest::newRow("unknown") << local << u"127.0.0.1"_s << QByteArrayList{"unknown"} << QString();
    QTest::newRow("garbage after a good hop")
        << local << u"127.0.0.1"_s << QByteArrayList{"203.0.113.9, <script>"} << QString();
    QTest::newRow("empty value") << local << u"127.0.0.1"_s << QByteArrayList{""} << QString();
}

void TestTrustedProxies::clientAddress()
{
    QFETCH(QString, proxies);
    QFETCH(QString, peer);
    QFETCH(QByteArrayList, forwardedFor);
    QFETCH(QString, client);
    const auto trusted = TrustedProxies::parse(proxies);
    QVERIFY(trusted);
    const QHostAddress address = trusted->clientAddress(QHostAddress(peer), withForwardedFor(forwardedFor));
    if (client.isEmpty())
        QVERIFY2(address.isNull(), qPrintable(address.toString()));
    else
        QCOMPARE(address, QHostAddress(client));
}

void TestTrustedProxies::clientPrefix_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("IPv4: the address") << u"192.0.2.7"_s << u"192.0.2.7"_s;
    QTest::newRow("IPv4 seen on ::") << u"::ffff:192.0.2.7"_s << u"192.0.2.7"_s;
    QTest::newRow("IPv6: its /64") << u"2001:db8:1:2:aaaa:bbbb:cccc:dddd"_s << u"2001:db8:1:2::/64"_s;
    QTest::newRow("IPv6 in the same /64") << u"2001:db8:1:2::1"_s << u"2001:db8:1:2::/64"_s;
    QTest::newRow("IPv6 loopback") << u"::1"_s << u"::/64"_s;
    QTest::newRow("none") << QString() << QString();
}

void TestTrustedProxies::clientPrefix()
{
    QFETCH(QString, address);
    QFETCH(QString, prefix);
    QCOMPARE(Kaiwa::Server::Subnets::clientPrefix(QHostAddress(address)), prefix);
}

void TestTrustedProxies::prefixOf_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("IPv4") << u"192.0.2.7"_s << u"192.0.2.7"_s;
    QTest::newRow("IPv6 address: its /64") << u"2001:db8:1:2::5"_s << u"2001:db8:1:2::/64"_s;
    QTest::newRow("IPv6 /64 as the audit log shows it") << u"2001:db8:1:2::/64"_s << u"2001:db8:1:2::/64"_s;
    QTest::newRow("IPv6 /64 not at its start") << u"2001:db8:1:2::9/64"_s << u"2001:db8:1:2::/64"_s;
    QTest::newRow("another prefix length") << u"2001:db8::/48"_s << QString();
    QTest::newRow("IPv4 subnet") << u"192.0.2.0/24"_s << QString();
    QTest::newRow("an account") << u"bob"_s << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestTrustedProxies::prefixOf()
{
    QFETCH(QString, text);
    QFETCH(QString, prefix);
    QCOMPARE(Kaiwa::Server::Subnets::prefixOf(text), prefix);
}

QTEST_GUILESS_MAIN(TestTrustedProxies)
#include "tst_trustedproxies.moc"
