// SPDX-License-Identifier: MIT
// The daemon's own HTTP/1.1 request head parser and what runs on a parsed head before any
// response: the WebSocket handshake checks, subprotocol choice, origin policy and keep-alive.
// The input is split at an arbitrary point (first byte) to exercise the incremental path.
// Properties: a prefix of a complete request never completes differently; the limits hold
// (consumed() within maxHeadBytes plus maxBodyBytes, the body within maxBodyBytes, at most
// maxHeaders headers); error statuses are the documented ones.
#include "auth/originpolicy.h"
#include "fuzzcheck.h"
#include "transport/httprequest.h"
#include "transport/websockethandshake.h"

#include <cstddef>
#include <cstdint>

using namespace Kaiwa::Server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype split = data[0];
    const QByteArrayView bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    // Bit 0 of the first byte: with a body allowance (the sign-in form's POST) or without (the default).
    const HttpRequestParser::Limits limits{2048, 16, (split & 1) ? 512 : 0};
    HttpRequestParser parser(limits);
    const qsizetype firstPart = std::min(split * 8, bytes.size());
    const auto early = parser.parse(bytes.first(firstPart));
    const auto status = parser.parse(bytes);
    if (early == HttpRequestParser::Status::Complete)
        KAIWA_FUZZ_CHECK(status == HttpRequestParser::Status::Complete);

    if (status == HttpRequestParser::Status::Error) {
        static constexpr int documented[] = {400, 413, 417, 431, 501, 505};
        KAIWA_FUZZ_CHECK(std::find(std::begin(documented), std::end(documented), parser.errorStatus())
                         != std::end(documented));
        return 0;
    }
    if (status != HttpRequestParser::Status::Complete)
        return 0;

    const HttpRequest &request = parser.request();
    KAIWA_FUZZ_CHECK(parser.consumed() > 0 && parser.consumed() <= limits.maxHeadBytes + limits.maxBodyBytes);
    KAIWA_FUZZ_CHECK(request.body.size() <= limits.maxBodyBytes);
    KAIWA_FUZZ_CHECK(parser.consumed() <= bytes.size());
    KAIWA_FUZZ_CHECK(request.headers.size() <= limits.maxHeaders);
    KAIWA_FUZZ_CHECK(request.target.startsWith('/'));
    KAIWA_FUZZ_CHECK(request.versionMinor == 0 || request.versionMinor == 1);
    for (const auto &[name, value] : request.headers) {
        KAIWA_FUZZ_CHECK(!name.isEmpty() && name == name.toLower());
        KAIWA_FUZZ_CHECK(!value.contains('\r') && !value.contains('\n') && !value.contains('\0'));
    }

    (void)request.wantsKeepAlive();
    (void)request.queryItem("since");
    const auto check = WebSocketHandshake::check(request);
    if (check == WebSocketHandshake::Check::Valid) {
        KAIWA_FUZZ_CHECK(WebSocketHandshake::isUpgradeRequest(request));
        const QByteArray response = WebSocketHandshake::switchingProtocolsResponse(
            request, WebSocketHandshake::selectSubprotocol(request, {"kaiwa.v1"}));
        // A response that echoes client bytes must not let them split the head.
        KAIWA_FUZZ_CHECK(response.count("\r\n\r\n") == 1 && response.endsWith("\r\n\r\n"));
    }
    static const OriginPolicy strict;
    static const OriginPolicy listed({"https://chat.example.com"});
    (void)strict.isAllowed(request);
    (void)listed.isAllowed(request);
    return 0;
}
