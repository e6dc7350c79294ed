// SPDX-License-Identifier: MIT
#pragma once

#include "envelope.h"

#include <QByteArray>

#include <optional>

namespace Kaiwa::Server::RedisEnvelopeCodec {

/**
 * The bytes a group send travels as through Redis pub/sub:
 * `K1` (format tag), one audience byte, the message id as 8 bytes big-endian, then the payload.
 * An envelope with an origin (presence, typing) is `K2`: the same, with the origin's UTF-8 length
 * (one byte, at most 255) and bytes between the id and the payload.
 * An envelope with a tutorial payload (an edit) is `K3`: the same as `K2` (origin length 0 when none), then the
 * tutorial payload's length (4 bytes big-endian) and bytes, then the payload.
 * Binary, so the payload (already JSON) is neither parsed nor escaped again on the way.
 */
QByteArray encode(const Envelope &envelope);
/// Nothing for bytes that are not an encoded envelope (a foreign publisher on our channel).
std::optional<Envelope> decode(const QByteArray &bytes);

} // namespace Kaiwa::Server::RedisEnvelopeCodec
