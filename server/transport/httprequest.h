// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>

#include <optional>
#include <utility>

namespace Kaiwa::Server {

/// One parsed HTTP/1.x request head. Header names are stored lowercase; values are trimmed.
struct HttpRequest {
    QByteArray method;
    QByteArray target;    ///< As sent: path plus optional query, still percent-encoded.
    QByteArray path;      ///< The target up to '?'.
    QByteArray query;     ///< After '?', without it; empty when none.
    int versionMinor = 1; ///< HTTP/1.0 or HTTP/1.1.
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body; ///< A POST body (at most Limits::maxBodyBytes); empty for every other request.

    /// First value of a header (name in lowercase), or an empty view.
    QByteArrayView header(QByteArrayView lowercaseName) const;
    bool hasHeader(QByteArrayView lowercaseName) const;
    /// How many lines of a header the request has.
    qsizetype headerCount(QByteArrayView lowercaseName) const;
    /// True when a comma-separated header (e.g. Connection) lists the token, case-insensitively.
    bool headerHasToken(QByteArrayView lowercaseName, QByteArrayView token) const;
    /// The value of a query parameter, percent-decoded; nullopt when absent.
    std::optional<QByteArray> queryItem(QByteArrayView name) const;
    /// Whether the connection should stay open after the response (HTTP/1.1 default, Connection header).
    bool wantsKeepAlive() const;
    /// An HTTP/1.1 request with `Expect: 100-continue` (HTTP/1.0 ones are ignored, RFC 9110 10.1.1).
    bool expectsContinue() const;
};

/**
 * Incremental parser of request heads with hard limits, so that a slow or hostile client
 * cannot make the daemon buffer without bound. Bodies exist only for POST, only with one exact
 * `Content-Length` of at most Limits::maxBodyBytes (the sign-in form); by default (0) a request
 * announcing a body is refused with 413. `Transfer-Encoding` is always refused (501), an expectation
 * other than `100-continue` with 417. A bare CR or LF is refused (400) as soon as it arrives, not
 * after waiting for a CRLF CRLF that will never come.
 */
class HttpRequestParser
{
public:
    enum class Status {
        NeedMore, ///< The head is not complete yet.
        Complete, ///< request() holds the head (and body); consumed() bytes of the input belong to it.
        Error,    ///< errorStatus() says which HTTP status to answer with, then close.
    };

    struct Limits {
        qsizetype maxHeadBytes = 16 * 1024;
        int maxHeaders = 64;
        qsizetype maxBodyBytes = 0; ///< Largest POST body; 0 refuses every body.
    };

    explicit HttpRequestParser(Limits limits);
    HttpRequestParser()
        : HttpRequestParser(Limits{})
    {
    }

    /**
     * Looks for a complete head at the start of `buffer`. Call again with more data after NeedMore:
     * the same bytes with more appended (what was checked already is not checked again). The parser
     * keeps no copy: the caller owns the buffer and removes consumed() bytes on Complete.
     */
    Status parse(QByteArrayView buffer);

    const HttpRequest &request() const { return m_request; }
    /// After NeedMore: the head is complete and acceptable, its body is still arriving (request() holds the head).
    bool isAwaitingBody() const { return m_awaitingBody; }
    qsizetype consumed() const { return m_consumed; }
    int errorStatus() const { return m_errorStatus; }
    QByteArray errorReason() const { return m_errorReason; }

private:
    Status fail(int status, const char *reason);
    Status complete(qsizetype consumed);
    /// False when [m_checkedBytes, end) of the head holds a CR not followed by LF, or an LF without CR.
    bool checkLineBreaks(QByteArrayView buffer, qsizetype end);
    bool parseRequestLine(QByteArrayView line);
    bool parseHeaderLine(QByteArrayView line);
    bool hasOnlyKnownExpectations() const;

    Limits m_limits;
    HttpRequest m_request;
    qsizetype m_consumed = 0;
    qsizetype m_checkedBytes = 0; ///< Input already checked for bare CR and LF (the buffer only grows until Complete).
    bool m_awaitingBody = false;
    int m_errorStatus = 0;
    QByteArray m_errorReason;
};

} // namespace Kaiwa::Server
