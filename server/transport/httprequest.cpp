// SPDX-License-Identifier: MIT
#include "httprequest.h"

#include <QUrl>

#include <algorithm>

namespace Kaiwa::Server {

namespace {

bool isTokenChar(char c)
{
    // RFC 9110 tchar
    static constexpr QByteArrayView extra = "!#$%&'*+-.^_`|~";
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

/// Field values may hold visible characters, spaces, tabs and obs-text; never CR, LF or NUL.
bool isFieldValue(QByteArrayView text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7F)
            return false;
    }
    return true;
}

} // namespace

QByteArrayView HttpRequest::header(QByteArrayView lowercaseName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowercaseName)
            return value;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView lowercaseName) const
{
    for (const auto &header : headers) {
        if (header.first == lowercaseName)
            return true;
    }
    return false;
}

qsizetype HttpRequest::headerCount(QByteArrayView lowercaseName) const
{
    return std::count_if(headers.cbegin(), headers.cend(),
                         [lowercaseName](const auto &header) { return header.first == lowercaseName; });
}

bool HttpRequest::headerHasToken(QByteArrayView lowercaseName, QByteArrayView token) const
{
    for (const auto &[name, value] : headers) {
        if (name != lowercaseName)
            continue;
        // Walked in place (no list of copies): every upgrade asks this of its Connection and Upgrade headers.
        for (QByteArrayView rest(value);;) {
            const qsizetype comma = rest.indexOf(',');
            if ((comma < 0 ? rest : rest.first(comma)).trimmed().compare(token, Qt::CaseInsensitive) == 0)
                return true;
            if (comma < 0)
                break;
            rest = rest.sliced(comma + 1);
        }
    }
    return false;
}

std::optional<QByteArray> HttpRequest::queryItem(QByteArrayView name) const
{
    for (const QByteArray &pair : query.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        const QByteArrayView key = equals < 0 ? QByteArrayView(pair) : QByteArrayView(pair).first(equals);
        if (key != name)
            continue;
        QByteArray value = equals < 0 ? QByteArray() : pair.sliced(equals + 1);
        value.replace('+', ' ');
        return QByteArray::fromPercentEncoding(value);
    }
    return std::nullopt;
}

bool HttpRequest::wantsKeepAlive() const
{
    if (headerHasToken("connection", "close"))
        return false;
    if (versionMinor == 0)
        return headerHasToken("connection", "keep-alive");
    return true;
}

bool HttpRequest::expectsContinue() const
{
    return versionMinor == 1 && headerHasToken("expect", "100-continue");
}

HttpRequestParser::HttpRequestParser(Limits limits)
    : m_limits(limits)
{
}

HttpRequestParser::Status HttpRequestParser::fail(int status, const char *reason)
{
    m_errorStatus = status;
    m_errorReason = reason;
    m_checkedBytes = 0;
    return Status::Error;
}

HttpRequestParser::Status HttpRequestParser::complete(qsizetype consumed)
{
    m_consumed = consumed;
    m_checkedBytes = 0; // the caller removes the request; the next one starts at 0
    return Status::Complete;
}

bool HttpRequestParser::checkLineBreaks(QByteArrayView buffer, qsizetype end)
{
    for (qsizetype i = m_checkedBytes; i < end; ++i) {
        if (buffer[i] == '\n' && (i == 0 || buffer[i - 1] != '\r'))
            return false;
        if (buffer[i] == '\r') {
            if (i + 1 == buffer.size()) {
                end = i; // its LF may be in the next read
                break;
            }
            if (buffer[i + 1] != '\n')
                return false;
        }
    }
    m_checkedBytes = std::max(m_checkedBytes, end);
    return true;
}

bool HttpRequestParser::hasOnlyKnownExpectations() const
{
    for (const auto &[name, value] : m_request.headers) {
        if (name != "expect")
            continue;
        for (const QByteArray &part : value.split(',')) {
            if (QByteArrayView(part).trimmed().compare("100-continue", Qt::CaseInsensitive) != 0)
                return false;
        }
    }
    return true;
}

HttpRequestParser::Status HttpRequestParser::parse(QByteArrayView buffer)
{
    m_awaitingBody = false;
    // RFC 9112 2.2: ignore at least one empty line before the request line.
    qsizetype start = 0;
    while (buffer.size() - start >= 2 && buffer[start] == '\r' && buffer[start + 1] == '\n')
        start += 2;
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n", start);
    // RFC 9112 2.2 lets a server take a bare LF for a line end; this one refuses it (and a bare CR) at
    // once: a client that sends one would otherwise wait for the head timeout, then get 408.
    if (!checkLineBreaks(buffer, headEnd < 0 ? buffer.size() : headEnd + 4))
        return fail(400, "Bad Request");
    if (headEnd < 0) {
        if (buffer.size() > m_limits.maxHeadBytes)
            return fail(431, "Request Header Fields Too Large");
        return Status::NeedMore;
    }
    if (headEnd + 4 > m_limits.maxHeadBytes)
        return fail(431, "Request Header Fields Too Large");

    m_request = HttpRequest{};
    const QByteArrayView head = buffer.sliced(start, headEnd - start);
    qsizetype lineStart = 0;
    bool first = true;
    while (lineStart <= head.size()) {
        qsizetype lineEnd = head.indexOf("\r\n", lineStart);
        if (lineEnd < 0)
            lineEnd = head.size();
        const QByteArrayView line = head.sliced(lineStart, lineEnd - lineStart);
        if (line.contains('\n') || line.contains('\r'))
            return fail(400, "Bad Request");
        if (first) {
            if (!parseRequestLine(line))
                return m_errorStatus ? Status::Error : fail(400, "Bad Request");
            first = false;
        } else if (!parseHeaderLine(line)) {
            return m_errorStatus ? Status::Error : fail(400, "Bad Request");
        }
        lineStart = lineEnd + 2;
    }
    // RFC 9112 3.2: one Host line (required in HTTP/1.1), never two. Every Content-Length line
    // counts, not just the first: with "0" then "5", a proxy that reads the second smuggles a request.
    qsizetype hostLines = 0;
    qsizetype contentLengthLines = 0;
    bool announcesBody = false;
    for (const auto &[name, value] : std::as_const(m_request.headers)) {
        if (name == "host") {
            ++hostLines;
        } else if (name == "content-length") {
            ++contentLengthLines;
            if (value != "0")
                announcesBody = true;
        }
    }
    if (hostLines > 1 || (m_request.versionMinor == 1 && hostLines == 0))
        return fail(400, "Bad Request");
    // RFC 9110 10.1.1: 100-continue is the only expectation defined; an HTTP/1.0 client cannot expect.
    if (m_request.versionMinor == 1 && !hasOnlyKnownExpectations())
        return fail(417, "Expectation Failed");
    // Request smuggling and bodies: the daemon has no use for either.
    if (m_request.hasHeader("transfer-encoding"))
        return fail(501, "Not Implemented");
    if (announcesBody) {
        if (m_limits.maxBodyBytes <= 0 || m_request.method != "POST")
            return fail(413, "Content Too Large");
        // Strict: one Content-Length line, digits only (no sign, no list, no white space inside).
        const QByteArrayView text = m_request.header("content-length");
        if (contentLengthLines != 1 || text.isEmpty() || text.size() > 9)
            return fail(400, "Bad Request");
        for (const char c : text) {
            if (c < '0' || c > '9')
                return fail(400, "Bad Request");
        }
        const qsizetype length = text.toLongLong();
        if (length > m_limits.maxBodyBytes)
            return fail(413, "Content Too Large");
        const qsizetype bodyStart = headEnd + 4;
        if (buffer.size() - bodyStart < length) {
            m_awaitingBody = true;
            return Status::NeedMore;
        }
        m_request.body = buffer.sliced(bodyStart, length).toByteArray();
        return complete(bodyStart + length);
    }
    return complete(headEnd + 4);
}

bool HttpRequestParser::parseRequestLine(QByteArrayView line)
{
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        return false;
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(lastSpace + 1);
    if (!isToken(method) || target.contains(' ') || !target.startsWith('/'))
        return false;
    for (const char c : target) {
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7F)
            return false;
    }
    if (version == "HTTP/1.1") {
        m_request.versionMinor = 1;
    } else if (version == "HTTP/1.0") {
        m_request.versionMinor = 0;
    } else {
        m_errorStatus = 505;
        m_errorReason = "HTTP Version Not Supported";
        return false;
    }
    m_request.method = method.toByteArray();
    m_request.target = target.toByteArray();
    const qsizetype question = target.indexOf('?');
    m_request.path = (question < 0 ? target : target.first(question)).toByteArray();
    m_request.query = question < 0 ? QByteArray() : target.sliced(question + 1).toByteArray();
    return true;
}

bool HttpRequestParser::parseHeaderLine(QByteArrayView line)
{
    if (m_request.headers.size() >= m_limits.maxHeaders) {
        m_errorStatus = 431;
        m_errorReason = "Request Header Fields Too Large";
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return false;
    // No white space between the name and the colon, and no obsolete line folding (RFC 9112 5.1, 5.2).
    const QByteArrayView name = line.first(colon);
    if (!isToken(name))
        return false;
    // Check before trimming: trimmed() also drops vertical tabs and form feeds, which are not white space here.
    const QByteArrayView rawValue = line.sliced(colon + 1);
    if (!isFieldValue(rawValue))
        return false;
    const QByteArrayView value = rawValue.trimmed();
    m_request.headers.append({name.toByteArray().toLower(), value.toByteArray()});
    return true;
}

} // namespace Kaiwa::Server
