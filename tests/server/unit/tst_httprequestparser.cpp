// SPDX-License-Identifier: MIT
#include "server/transport/httprequest.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Kaiwa::Server::HttpRequest;
using Kaiwa::Server::HttpRequestParser;
using Status = HttpRequestParser::Status;

Q_DECLARE_METATYPE(HttpRequestParser::Status)

namespace {

/// Parses one complete head and returns the request; fails the test when it is not Complete.
HttpRequest parseComplete(const QByteArray &head)
{
    HttpRequestParser parser;
    const Status status = parser.parse(head);
    if (status != Status::Complete) {
        QTest::qFail("head did not parse", __FILE__, __LINE__);
        return {};
    }
    return parser.request();
}

} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void completeHead();
    void needMore_data();
    void needMore();
    void byteByByte();
    void pipelined();
    void leadingEmptyLines();
    void errors_data();
    void errors();
    void oversizeHead();
    void oversizeHeadWithoutTerminator();
    void tooManyHeaders();
    void http10WithoutHost();
    void contentLengthZero();
    void postBody();
    void postBodyPipelined();
    void postBodyErrors_data();
    void postBodyErrors();
    void headerLookup();
    void headerHasToken_data();
    void headerHasToken();
    void queryItem_data();
    void queryItem();
    void wantsKeepAlive_data();
    void wantsKeepAlive();
    void bareLineBreaksFailAtOnce_data();
    void bareLineBreaksFailAtOnce();
    void crAtTheEndWaitsForItsLf();
    void expectations_data();
    void expectations();
    void awaitingBody();
};

void TestHttpRequestParser::completeHead()
{
    const QByteArray head = "GET /ws/chat/lobby/?name=Alice&since=42 HTTP/1.1\r\n"
                            "Host: example.com:8000\r\n"
                            "Upgrade: websocket\r\n"
                            "X-Empty:\r\n"
                            "X-Spaces: \t padded value \t\r\n"
                            "\r\n"_ba;
    HttpRequestParser parser;
    QCOMPARE(parser.parse(head), Status::Complete);
    QCOMPARE(parser.consumed(), head.size());
    const HttpRequest &request = parser.request();
    QCOMPARE(request.method, "GET"_ba);
    QCOMPARE(request.target, "/ws/chat/lobby/?name=Alice&since=42"_ba);
    QCOMPARE(request.path, "/ws/chat/lobby/"_ba);
    QCOMPARE(request.query, "name=Alice&since=42"_ba);
    QCOMPARE(request.versionMinor, 1);
    QCOMPARE(request.headers.size(), 4);
    QCOMPARE(request.header("host"), "example.com:8000");
    QCOMPARE(request.header("upgrade"), "websocket");
    QVERIFY(request.hasHeader("x-empty"));
    QVERIFY(request.header("x-empty").isEmpty());
    QCOMPARE(request.header("x-spaces"), "padded value");
    QVERIFY(!request.hasHeader("cookie"));
    QVERIFY(request.header("cookie").isEmpty());
}

void TestHttpRequestParser::needMore_data()
{
    QTest::addColumn<QByteArray>("buffer");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("request line only") << "GET / HTTP/1.1"_ba;
    QTest::newRow("one CRLF") << "GET / HTTP/1.1\r\n"_ba;
    QTest::newRow("header without end") << "GET / HTTP/1.1\r\nHost: x\r\n"_ba;
    QTest::newRow("three of four terminator bytes") << "GET / HTTP/1.1\r\nHost: x\r\n\r"_ba;
    QTest::newRow("only empty lines") << "\r\n\r\n\r\n"_ba;
}

void TestHttpRequestParser::needMore()
{
    QFETCH(QByteArray, buffer);
    HttpRequestParser parser;
    QCOMPARE(parser.parse(buffer), Status::NeedMore);
    QCOMPARE(parser.errorStatus(), 0);
}

void TestHttpRequestParser::byteByByte()
{
    const QByteArray head = "GET /chat/ HTTP/1.1\r\nHost: x\r\n\r\n"_ba;
    HttpRequestParser parser;
    QByteArray buffer;
    for (qsizetype i = 0; i < head.size() - 1; ++i) {
        buffer.append(head[i]);
        QCOMPARE(parser.parse(buffer), Status::NeedMore);
    }
    buffer.append(head.back());
    QCOMPARE(parser.parse(buffer), Status::Complete);
    QCOMPARE(parser.consumed(), head.size());
    QCOMPARE(parser.request().path, "/chat/"_ba);
}

void TestHttpRequestParser::pipelined()
{
    const QByteArray first = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"_ba;
    const QByteArray second = "HEAD /b?q=1 HTTP/1.1\r\nHost: y\r\nConnection: close\r\n\r\n"_ba;
    const QByteArray partialThird = "GET /c HTTP/1.1\r\nHo"_ba;
    QByteArray buffer = first + second + partialThird;

    HttpRequestParser parser;
    QCOMPARE(parser.parse(buffer), Status::Complete);
    QCOMPARE(parser.consumed(), first.size());
    QCOMPARE(parser.request().path, "/a"_ba);
    QCOMPARE(parser.request().header("host"), "x");
    buffer.remove(0, parser.consumed());

    QCOMPARE(parser.parse(buffer), Status::Complete);
    QCOMPARE(parser.consumed(), second.size());
    QCOMPARE(parser.request().method, "HEAD"_ba);
    QCOMPARE(parser.request().path, "/b"_ba);
    QCOMPARE(parser.request().header("host"), "y");
    // The parser starts afresh: nothing of the first request leaks into the second.
    QCOMPARE(parser.request().headers.size(), 2);
    buffer.remove(0, parser.consumed());

    QCOMPARE(buffer, partialThird);
    QCOMPARE(parser.parse(buffer), Status::NeedMore);
    buffer.append("st: z\r\n\r\n");
    QCOMPARE(parser.parse(buffer), Status::Complete);
    QCOMPARE(parser.request().path, "/c"_ba);
    QCOMPARE(parser.consumed(), buffer.size());
}

void TestHttpRequestParser::leadingEmptyLines()
{
    const QByteArray buffer = "\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba;
    HttpRequestParser parser;
    QCOMPARE(parser.parse(buffer), Status::Complete);
    QCOMPARE(parser.consumed(), buffer.size());
    QCOMPARE(parser.request().method, "GET"_ba);
    QCOMPARE(parser.request().path, "/"_ba);
}

void TestHttpRequestParser::errors_data()
{
    QTest::addColumn<QByteArray>("buffer");
    QTest::addColumn<int>("status");

    QTest::newRow("missing Host on 1.1") << "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n"_ba << 400;
    QTest::newRow("space before colon") << "GET / HTTP/1.1\r\nHost : x\r\n\r\n"_ba << 400;
    QTest::newRow("no colon") << "GET / HTTP/1.1\r\nHost: x\r\nBroken\r\n\r\n"_ba << 400;
    QTest::newRow("empty header name") << "GET / HTTP/1.1\r\nHost: x\r\n: value\r\n\r\n"_ba << 400;
    QTest::newRow("bare LF in request line") << "GET / HTTP/1.1\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("bare LF in header") << "GET / HTTP/1.1\r\nHost: x\nX-A: b\r\n\r\n"_ba << 400;
    QTest::newRow("bare CR in header") << "GET / HTTP/1.1\r\nHost: x\rX-A: b\r\n\r\n"_ba << 400;
    QTest::newRow("obs-fold with space") << "GET / HTTP/1.1\r\nHost: x\r\nX-A: b\r\n c\r\n\r\n"_ba << 400;
    QTest::newRow("obs-fold with tab") << "GET / HTTP/1.1\r\nHost: x\r\nX-A: b\r\n\tc: d\r\n\r\n"_ba << 400;
    QTest::newRow("line starting with space") << "GET / HTTP/1.1\r\n Host: x\r\n\r\n"_ba << 400;
    QTest::newRow("NUL in value") << "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n"_ba << 400;
    QTest::newRow("escape in value") << "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x1b[0mb\r\n\r\n"_ba << 400;
    QTest::newRow("vertical tab ending a value") << "GET / HTTP/1.1\r\nHost: x\x0b\r\n\r\n"_ba << 400;
    QTest::newRow("form feed starting a value") << "GET / HTTP/1.1\r\nHost: x\r\nX-A:\x0c b\r\n\r\n"_ba << 400;
    QTest::newRow("DEL in value") << "GET / HTTP/1.1\r\nHost: x\x7f\r\n\r\n"_ba << 400;
    QTest::newRow("absolute target") << "GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("asterisk target") << "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("relative target") << "GET chat/ HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("non-ASCII target") << "GET /\xc3\xa9 HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("non-token method") << "G(T / HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("method with slash") << "GE/T / HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("double space") << "GET  / HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("space in target") << "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("missing version") << "GET /\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("leading space") << " GET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("HTTP/2.0") << "GET / HTTP/2.0\r\nHost: x\r\n\r\n"_ba << 505;
    QTest::newRow("HTTP/1.2") << "GET / HTTP/1.2\r\nHost: x\r\n\r\n"_ba << 505;
    QTest::newRow("lowercase version") << "GET / http/1.1\r\nHost: x\r\n\r\n"_ba << 505;
    QTest::newRow("Transfer-Encoding") << "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << 501;
    QTest::newRow("Transfer-Encoding with Content-Length")
        << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << 501;
    QTest::newRow("Content-Length 5") << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n"_ba << 413;
    QTest::newRow("Content-Length 0 then 5")
        << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\nhello"_ba << 413;
    QTest::newRow("empty Content-Length") << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n"_ba << 413;
    QTest::newRow("two Host lines") << "GET / HTTP/1.1\r\nHost: x\r\nHost: evil.example\r\n\r\n"_ba << 400;
    QTest::newRow("two Host lines on 1.0") << "GET / HTTP/1.0\r\nHost: x\r\nhost: y\r\n\r\n"_ba << 400;
    QTest::newRow("Content-Length garbage") << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"_ba << 413;
    QTest::newRow("Expect other than 100-continue") << "GET / HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\n\r\n"_ba << 417;
    QTest::newRow("Expect 100-continue and more")
        << "GET / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue, teapot\r\n\r\n"_ba << 417;
    QTest::newRow("bare LF line ends") << "GET / HTTP/1.1\nHost: x\n\n"_ba << 400;
}

void TestHttpRequestParser::errors()
{
    QFETCH(QByteArray, buffer);
    QFETCH(int, status);
    HttpRequestParser parser;
    QCOMPARE(parser.parse(buffer), Status::Error);
    QCOMPARE(parser.errorStatus(), status);
    QVERIFY(!parser.errorReason().isEmpty());
}

void TestHttpRequestParser::oversizeHead()
{
    const HttpRequestParser::Limits limits{1024, 64};
    const QByteArray start = "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: "_ba;

    // A complete head of exactly the limit is fine, one byte more is not.
    const QByteArray fits = start + QByteArray(limits.maxHeadBytes - start.size() - 4, 'a') + "\r\n\r\n";
    QCOMPARE(fits.size(), limits.maxHeadBytes);
    HttpRequestParser parser(limits);
    QCOMPARE(parser.parse(fits), Status::Complete);

    const QByteArray tooBig = start + QByteArray(limits.maxHeadBytes - start.size() - 3, 'a') + "\r\n\r\n";
    HttpRequestParser refusing(limits);
    QCOMPARE(refusing.parse(tooBig), Status::Error);
    QCOMPARE(refusing.errorStatus(), 431);

    // With the default limit of 16 KiB.
    HttpRequestParser defaults;
    QCOMPARE(defaults.parse(start + QByteArray(20000, 'a') + "\r\n\r\n"), Status::Error);
    QCOMPARE(defaults.errorStatus(), 431);
}

void TestHttpRequestParser::oversizeHeadWithoutTerminator()
{
    // A client that never ends its head is refused once it has sent more than the limit.
    const HttpRequestParser::Limits limits{1024, 64};
    HttpRequestParser parser(limits);
    QByteArray buffer = "GET / HTTP/1.1\r\nX-Pad: "_ba;
    buffer.append(QByteArray(limits.maxHeadBytes - buffer.size(), 'a'));
    QCOMPARE(parser.parse(buffer), Status::NeedMore);
    buffer.append('a');
    QCOMPARE(parser.parse(buffer), Status::Error);
    QCOMPARE(parser.errorStatus(), 431);

    // Empty lines before the request line count too: they cannot keep a connection buffering.
    HttpRequestParser blank(limits);
    QCOMPARE(blank.parse(QByteArray(2 * limits.maxHeadBytes, '\n').replace("\n\n", "\r\n")), Status::Error);
    QCOMPARE(blank.errorStatus(), 431);
}

void TestHttpRequestParser::tooManyHeaders()
{
    const HttpRequestParser::Limits limits{16 * 1024, 8};
    QByteArray head = "GET / HTTP/1.1\r\nHost: x\r\n"_ba;
    for (int i = 1; i < limits.maxHeaders; ++i)
        head += "X-" + QByteArray::number(i) + ": v\r\n";
    HttpRequestParser parser(limits);
    QCOMPARE(parser.parse(head + "\r\n"), Status::Complete);
    QCOMPARE(parser.request().headers.size(), limits.maxHeaders);

    HttpRequestParser refusing(limits);
    QCOMPARE(refusing.parse(head + "X-Last: v\r\n\r\n"), Status::Error);
    QCOMPARE(refusing.errorStatus(), 431);
}

void TestHttpRequestParser::http10WithoutHost()
{
    const HttpRequest request = parseComplete("GET / HTTP/1.0\r\n\r\n"_ba);
    QCOMPARE(request.versionMinor, 0);
    QVERIFY(!request.hasHeader("host"));
}

void TestHttpRequestParser::contentLengthZero()
{
    const HttpRequest request = parseComplete("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"_ba);
    QCOMPARE(request.header("content-length"), "0");
}

void TestHttpRequestParser::postBody()
{
    // The sign-in form: a POST body of at most maxBodyBytes, waited for byte by byte.
    HttpRequestParser parser({16 * 1024, 64, 4096});
    const QByteArray input = "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                             "Content-Length: 27\r\n\r\nname=alice&password=secret1"_ba;
    for (qsizetype length = 0; length < input.size(); ++length)
        QCOMPARE(parser.parse(QByteArrayView(input).first(length)), Status::NeedMore);
    QCOMPARE(parser.parse(input), Status::Complete);
    QCOMPARE(parser.consumed(), input.size());
    QCOMPARE(parser.request().method, "POST");
    QCOMPARE(parser.request().body, "name=alice&password=secret1");
}

void TestHttpRequestParser::postBodyPipelined()
{
    HttpRequestParser parser({16 * 1024, 64, 4096});
    const QByteArray first = "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"_ba;
    const QByteArray input = first + "GET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba;
    QCOMPARE(parser.parse(input), Status::Complete);
    QCOMPARE(parser.request().body, "abc");
    QCOMPARE(parser.consumed(), first.size());
    QCOMPARE(parser.parse(QByteArrayView(input).sliced(first.size())), Status::Complete);
    QCOMPARE(parser.request().method, "GET");
    QVERIFY(parser.request().body.isEmpty());
}

void TestHttpRequestParser::postBodyErrors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");
    QTest::newRow("over the limit") << "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 4097\r\n\r\n"_ba << 413;
    QTest::newRow("huge") << "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n"_ba
                          << 400;
    QTest::newRow("two lines")
        << "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"_ba << 400;
    QTest::newRow("0 then 3")
        << "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 3\r\n\r\nabc"_ba << 400;
    QTest::newRow("list") << "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\n\r\nabc"_ba << 400;
    QTest::newRow("sign") << "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\nabc"_ba << 400;
    QTest::newRow("garbage") << "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"_ba << 400;
    QTest::newRow("chunked")
        << "POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"_ba << 501;
    QTest::newRow("chunked and length")
        << "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc"_ba << 501;
    QTest::newRow("GET with a body") << "GET /login HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"_ba << 413;
}

void TestHttpRequestParser::postBodyErrors()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    HttpRequestParser parser({16 * 1024, 64, 4096});
    QCOMPARE(parser.parse(input), Status::Error);
    QCOMPARE(parser.errorStatus(), status);
}

void TestHttpRequestParser::headerLookup()
{
    const HttpRequest request = parseComplete("GET / HTTP/1.1\r\nHOST: Example.COM\r\nsec-WebSocket-KEY: AbC=\r\n"
                                              "X-Twice: first\r\nx-twice: second\r\n\r\n"_ba);
    // Names are stored lowercase; values keep their case.
    QCOMPARE(request.header("host"), "Example.COM");
    QCOMPARE(request.header("sec-websocket-key"), "AbC=");
    QVERIFY(request.hasHeader("sec-websocket-key"));
    QCOMPARE(request.headers.at(0).first, "host"_ba);
    QCOMPARE(request.header("x-twice"), "first");
}

void TestHttpRequestParser::headerHasToken_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("expected");

    QTest::newRow("single") << "Upgrade"_ba
                            << "upgrade"_ba << true;
    QTest::newRow("list first") << "keep-alive, Upgrade"_ba
                                << "keep-alive"_ba << true;
    QTest::newRow("list second") << "keep-alive, Upgrade"_ba
                                 << "upgrade"_ba << true;
    QTest::newRow("case-insensitive") << "KEEP-ALIVE,UPGRADE"_ba
                                      << "Upgrade"_ba << true;
    QTest::newRow("tabs and spaces") << "close ,\tupgrade\t"_ba
                                     << "upgrade"_ba << true;
    QTest::newRow("absent") << "keep-alive"_ba
                            << "upgrade"_ba << false;
    QTest::newRow("substring is not a token") << "upgraded, noupgrade"_ba
                                              << "upgrade"_ba << false;
    QTest::newRow("empty value") << QByteArray() << "upgrade"_ba << false;
    QTest::newRow("empty elements") << ", ,upgrade,"_ba
                                    << "upgrade"_ba << true;
    QTest::newRow("only commas") << ",,"_ba
                                 << "upgrade"_ba << false;
}

void TestHttpRequestParser::headerHasToken()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, token);
    QFETCH(bool, expected);
    const HttpRequest request = parseComplete("GET / HTTP/1.1\r\nHost: x\r\nConnection: " + value + "\r\n\r\n");
    QCOMPARE(request.headerHasToken("connection", token), expected);
    QVERIFY(!request.headerHasToken("upgrade", token));
}

void TestHttpRequestParser::queryItem_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("present");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("simple") << "/?name=Alice&since=42"_ba
                            << "name"_ba << true << "Alice"_ba;
    QTest::newRow("second") << "/?name=Alice&since=42"_ba
                            << "since"_ba << true << "42"_ba;
    QTest::newRow("absent") << "/?name=Alice"_ba
                            << "since"_ba << false << QByteArray();
    QTest::newRow("no query") << "/"_ba
                              << "name"_ba << false << QByteArray();
    QTest::newRow("percent-decoded") << "/?name=%E5%A4%AA%E9%83%8E"_ba
                                     << "name"_ba << true << "太郎"_ba;
    QTest::newRow("plus is space") << "/?name=Alice+Smith"_ba
                                   << "name"_ba << true << "Alice Smith"_ba;
    QTest::newRow("encoded plus") << "/?name=a%2Bb"_ba
                                  << "name"_ba << true << "a+b"_ba;
    QTest::newRow("encoded ampersand") << "/?name=a%26b&x=1"_ba
                                       << "name"_ba << true << "a&b"_ba;
    QTest::newRow("encoded equals") << "/?name=a%3Db"_ba
                                    << "name"_ba << true << "a=b"_ba;
    QTest::newRow("value with equals") << "/?name=a=b"_ba
                                       << "name"_ba << true << "a=b"_ba;
    QTest::newRow("empty value") << "/?name=&x=1"_ba
                                 << "name"_ba << true << QByteArray();
    QTest::newRow("no equals") << "/?name&x=1"_ba
                               << "name"_ba << true << QByteArray();
    QTest::newRow("first wins") << "/?name=a&name=b"_ba
                                << "name"_ba << true << "a"_ba;
    QTest::newRow("prefix is not a match") << "/?names=a"_ba
                                           << "name"_ba << false << QByteArray();
    QTest::newRow("case-sensitive") << "/?Name=a"_ba
                                    << "name"_ba << false << QByteArray();
}

void TestHttpRequestParser::queryItem()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, name);
    QFETCH(bool, present);
    QFETCH(QByteArray, expected);
    const HttpRequest request = parseComplete("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::optional<QByteArray> value = request.queryItem(name);
    QCOMPARE(value.has_value(), present);
    if (present)
        QCOMPARE(*value, expected);
}

void TestHttpRequestParser::wantsKeepAlive_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("expected");

    QTest::newRow("1.1 default") << "GET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba << true;
    QTest::newRow("1.1 close") << "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"_ba << false;
    QTest::newRow("1.1 Close uppercase") << "GET / HTTP/1.1\r\nHost: x\r\nConnection: Close\r\n\r\n"_ba << false;
    QTest::newRow("1.1 keep-alive, close")
        << "GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, close\r\n\r\n"_ba << false;
    QTest::newRow("1.1 upgrade") << "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n\r\n"_ba << true;
    QTest::newRow("1.0 default") << "GET / HTTP/1.0\r\n\r\n"_ba << false;
    QTest::newRow("1.0 keep-alive") << "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"_ba << true;
    QTest::newRow("1.0 close") << "GET / HTTP/1.0\r\nConnection: close\r\n\r\n"_ba << false;
}

void TestHttpRequestParser::wantsKeepAlive()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, expected);
    QCOMPARE(parseComplete(head).wantsKeepAlive(), expected);
}

void TestHttpRequestParser::bareLineBreaksFailAtOnce_data()
{
    // Heads that can never complete with CRLF CRLF: refused from the offending byte, not left to time out.
    QTest::addColumn<QByteArray>("buffer");
    QTest::newRow("LF after the request line") << "GET / HTTP/1.1\n"_ba;
    QTest::newRow("LF after a header") << "GET / HTTP/1.1\r\nHost: x\n"_ba;
    QTest::newRow("LF first") << "\n"_ba;
    QTest::newRow("CR then a letter") << "GET / HTTP/1.1\rH"_ba;
    QTest::newRow("LF LF") << "GET / HTTP/1.1\r\nHost: x\r\n\n"_ba;
}

void TestHttpRequestParser::bareLineBreaksFailAtOnce()
{
    QFETCH(QByteArray, buffer);
    HttpRequestParser parser;
    QCOMPARE(parser.parse(buffer), Status::Error);
    QCOMPARE(parser.errorStatus(), 400);
}

void TestHttpRequestParser::crAtTheEndWaitsForItsLf()
{
    // Fed in pieces, a CR at the end of one read is not judged until the next byte arrives.
    HttpRequestParser parser;
    QByteArray buffer = "GET / HTTP/1.1\r"_ba;
    QCOMPARE(parser.parse(buffer), Status::NeedMore);
    buffer += "\nHost: x\r";
    QCOMPARE(parser.parse(buffer), Status::NeedMore);
    buffer += "\n\r";
    QCOMPARE(parser.parse(buffer), Status::NeedMore);
    buffer += "\n";
    QCOMPARE(parser.parse(buffer), Status::Complete);
    // The next request on the connection starts checking from its own beginning.
    buffer.remove(0, parser.consumed());
    buffer += "GET /b HTTP/1.1\r\nHost: x\n";
    QCOMPARE(parser.parse(buffer), Status::Error);
    QCOMPARE(parser.errorStatus(), 400);
}

void TestHttpRequestParser::expectations_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("expectsContinue");
    QTest::newRow("none") << "GET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba << false;
    QTest::newRow("100-continue") << "GET / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n"_ba << true;
    QTest::newRow("case") << "GET / HTTP/1.1\r\nHost: x\r\nexpect: 100-Continue\r\n\r\n"_ba << true;
    // RFC 9110 10.1.1: an HTTP/1.0 client cannot expect anything; whatever it says is ignored.
    QTest::newRow("HTTP/1.0") << "GET / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n"_ba << false;
    QTest::newRow("HTTP/1.0 teapot") << "GET / HTTP/1.0\r\nExpect: teapot\r\n\r\n"_ba << false;
}

void TestHttpRequestParser::expectations()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, expectsContinue);
    QCOMPARE(parseComplete(head).expectsContinue(), expectsContinue);
}

void TestHttpRequestParser::awaitingBody()
{
    HttpRequestParser parser(HttpRequestParser::Limits{16 * 1024, 64, 100});
    QByteArray buffer = "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n"_ba;
    QCOMPARE(parser.parse(buffer), Status::NeedMore);
    QVERIFY(!parser.isAwaitingBody()); // the head is not complete yet
    buffer += "\r\n";
    QCOMPARE(parser.parse(buffer), Status::NeedMore);
    QVERIFY(parser.isAwaitingBody());
    QVERIFY(parser.request().expectsContinue());
    buffer += "he\nlo"; // the body is not a head: a bare LF in it is fine
    QCOMPARE(parser.parse(buffer), Status::Complete);
    QVERIFY(!parser.isAwaitingBody());
    QCOMPARE(parser.request().body, "he\nlo"_ba);
    // A body that would be refused is refused from its head: no 100 Continue for it.
    QCOMPARE(parser.parse("POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\nExpect: 100-continue\r\n\r\n"_ba),
             Status::Error);
    QCOMPARE(parser.errorStatus(), 413);
    QVERIFY(!parser.isAwaitingBody());
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
