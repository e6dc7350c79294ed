// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <map>

namespace Kaiwa::Server {

/**
 * What the transport counts for /metrics: plain integers bumped on the daemon's one thread, so
 * counting costs an addition. Owned by Metrics (ServerApp); the transport holds a pointer, which
 * may be null (unit tests, tools) and then nothing is counted.
 */
struct TransportCounters {
    quint64 connectionsAccepted = 0;
    quint64 connectionsRefused = 0; ///< Over --max-connections or shutting down (503).
    quint64 webSocketBytesReceived = 0;
    quint64 webSocketBytesSent = 0;
    quint64 slowReaderCloses = 0;          ///< Closed with 1013: the send queue passed --max-send-queue.
    std::map<quint16, quint64> closesSent; ///< Close frames the daemon sent, by code.
};

} // namespace Kaiwa::Server
