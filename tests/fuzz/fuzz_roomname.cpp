// SPDX-License-Identifier: MIT
// Room names and the other decoding of request targets: RoomName::fromPathSegment (percent
// escapes, UTF-8, Python \w), ChatRouter::roomFromPath, HttpRequest::queryItem and the display
// name taken from ?name=. Properties: a decoded room name is valid and survives
// toPathSegment/fromPathSegment unchanged; a sanitized display name is idempotent and short.
#include "common/displayname.h"
#include "common/protocol.h"
#include "common/roomname.h"
#include "fuzzcheck.h"
#include "routing/chatrouter.h"
#include "transport/httprequest.h"

#include <cstddef>
#include <cstdint>

using namespace Kaiwa;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    if (const auto room = RoomName::fromPathSegment(bytes)) {
        KAIWA_FUZZ_CHECK(RoomName::isValid(*room));
        const QByteArray encoded = RoomName::toPathSegment(*room);
        const auto again = RoomName::fromPathSegment(encoded);
        KAIWA_FUZZ_CHECK(again && *again == *room);
    }
    // The same bytes as a whole path, as the router sees them.
    if (const auto room = Server::ChatRouter::roomFromPath(bytes, "/ws/chat/"))
        KAIWA_FUZZ_CHECK(RoomName::isValid(*room));
    if (const auto room = Server::ChatRouter::roomFromPath(bytes, "/chat/"))
        KAIWA_FUZZ_CHECK(RoomName::isValid(*room));

    Server::HttpRequest request;
    request.query = bytes.toByteArray();
    for (const char *key : {"name", "since"}) {
        if (const auto value = request.queryItem(key)) {
            const QString name = DisplayName::sanitize(QString::fromUtf8(*value));
            KAIWA_FUZZ_CHECK(DisplayName::sanitize(name) == name);
            KAIWA_FUZZ_CHECK(name.size() <= Protocol::maxDisplayNameLength);
        }
    }
    return 0;
}
