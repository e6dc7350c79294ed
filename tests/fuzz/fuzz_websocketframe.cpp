// SPDX-License-Identifier: MIT
// RFC 6455 client frames as the daemon parses them (WebSocketFrameParser), and the UTF-8
// validator they go through. Properties: feeding the stream in one piece or in arbitrary chunks
// yields the same events (the parser is incremental); an Error carries a documented close
// code and ends the stream; a Text event is valid UTF-8 and within the size limit; the
// validator agrees with Qt's strict UTF-8 decoder.
#include "fuzzcheck.h"
#include "transport/utf8validator.h"
#include "transport/websocketframeparser.h"

#include <QStringDecoder>

#include <cstddef>
#include <cstdint>
#include <vector>

using namespace Kaiwa::Server;

namespace {

constexpr qsizetype s_maxMessageBytes = 4096;

struct Seen {
    int kind;
    QByteArray payload;
    quint16 code;
    bool operator==(const Seen &) const = default;
};

/// Parses `stream` delivered in chunks of the given sizes (cycled), as a connection would.
std::vector<Seen> run(QByteArrayView stream, QByteArrayView chunkSizes)
{
    WebSocketFrameParser parser(s_maxMessageBytes);
    std::vector<Seen> events;
    QByteArray input;
    qsizetype delivered = 0;
    qsizetype chunk = 0;
    while (delivered < stream.size()) {
        qsizetype take = stream.size() - delivered;
        if (!chunkSizes.isEmpty())
            take = std::min<qsizetype>(take, 1 + quint8(chunkSizes[chunk++ % chunkSizes.size()]));
        input.append(stream.sliced(delivered, take));
        delivered += take;
        qsizetype offset = 0;
        while (auto event = parser.next(input, offset)) {
            events.push_back({int(event->kind), event->payload, event->closeCode});
            if (event->kind == WebSocketFrameParser::Event::Kind::Error)
                return events;
        }
        KAIWA_FUZZ_CHECK(offset >= 0 && offset <= input.size());
        input.remove(0, offset);
    }
    return events;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    // Differential: the daemon's validator against Qt's decoder (both strict RFC 3629).
    QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    const QString decoded = decoder.decode(bytes); // decode() is lazy: converting runs it
    KAIWA_FUZZ_CHECK(isValidUtf8(bytes) == !decoder.hasError());

    // The first 8 bytes choose chunk sizes; the rest is the byte stream from the client.
    const qsizetype header = std::min<qsizetype>(8, bytes.size());
    const QByteArrayView chunks = bytes.first(header);
    const QByteArrayView stream = bytes.sliced(header);
    const auto whole = run(stream, {});
    const auto pieces = run(stream, chunks);
    KAIWA_FUZZ_CHECK(whole == pieces);
    for (const Seen &event : whole) {
        using Kind = WebSocketFrameParser::Event::Kind;
        switch (Kind(event.kind)) {
        case Kind::Text:
            KAIWA_FUZZ_CHECK(isValidUtf8(event.payload));
            KAIWA_FUZZ_CHECK(event.payload.size() <= s_maxMessageBytes);
            break;
        case Kind::Binary:
            KAIWA_FUZZ_CHECK(event.payload.size() <= s_maxMessageBytes);
            break;
        case Kind::Ping:
        case Kind::Pong:
            KAIWA_FUZZ_CHECK(event.payload.size() <= 125);
            break;
        case Kind::Close:
            KAIWA_FUZZ_CHECK(event.payload.size() <= 123);
            break;
        case Kind::Error:
            KAIWA_FUZZ_CHECK(event.code == 1002 || event.code == 1007 || event.code == 1009);
            break;
        }
    }
    return 0;
}
