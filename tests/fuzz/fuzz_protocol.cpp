// SPDX-License-Identifier: MIT
// The chat protocol's JSON frames, both directions: what a client sends the daemon
// (parseClientRequest) and what a server sends the desktop client (parseServerEvent).
// Properties: no crash or sanitizer report; a parsed request re-encodes to the same request;
// a parsed event re-encodes (toJson) to an event that parses back to the same value.
#include "common/clientrequest.h"
#include "common/serverevent.h"
#include "fuzzcheck.h"

#include <cstddef>
#include <cstdint>

using namespace Kaiwa;

namespace {

template<typename Event>
void checkEventRoundTrip(const Event &event)
{
    const auto again = parseServerEvent(toWire(event.toJson()));
    KAIWA_FUZZ_CHECK(again.has_value());
    KAIWA_FUZZ_CHECK(std::holds_alternative<Event>(*again));
    KAIWA_FUZZ_CHECK(std::get<Event>(*again) == event);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    const ClientRequest request = parseClientRequest(bytes);
    if (const auto *send = std::get_if<ChatSend>(&request)) {
        KAIWA_FUZZ_CHECK(!send->text.trimmed().isEmpty());
        const ClientRequest again = parseClientRequest(encodeClientRequest(*send));
        KAIWA_FUZZ_CHECK(std::holds_alternative<ChatSend>(again) && std::get<ChatSend>(again) == *send);
    } else if (const auto *history = std::get_if<HistoryRequest>(&request)) {
        KAIWA_FUZZ_CHECK(history->limit >= 1 && history->limit <= 500 && history->before >= 0);
        const ClientRequest again = parseClientRequest(encodeClientRequest(*history));
        KAIWA_FUZZ_CHECK(std::holds_alternative<HistoryRequest>(again) && std::get<HistoryRequest>(again) == *history);
    } else if (const auto *typing = std::get_if<TypingRequest>(&request)) {
        const ClientRequest again = parseClientRequest(encodeClientRequest(*typing));
        KAIWA_FUZZ_CHECK(std::holds_alternative<TypingRequest>(again));
    } else {
        KAIWA_FUZZ_CHECK(std::get<ProtocolError>(request).code != ErrorCode::Unknown);
    }

    if (const auto event = parseServerEvent(bytes)) {
        std::visit(
            [](const auto &value) {
                using T = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<
                                  T, AckEvent> || std::is_same_v<T, HistoryGapEvent> || std::is_same_v<T, WelcomeEvent>)
                    checkEventRoundTrip(value);
                else if constexpr (!std::is_same_v<T, UnknownEvent>)
                    (void)toWire(value.toJson()); // must not crash; exact round trips need valid field values
            },
            *event);
    }
    return 0;
}
