// SPDX-License-Identifier: MIT
#pragma once

#include "common/protocol.h"

#include <QtGlobal>

namespace Kaiwa::Server {

/// The chat behaviour a consumer follows, from the daemon's options.
struct ChatSettings {
    int historyOnJoin = 50;            ///< Latest messages replayed on join; 0 disables.
    int maxRecovery = 1000;            ///< Most messages replayed for ?since=; older ones are reported as a gap.
    double rateLimit = 20;             ///< Frames per second per connection; 0 disables.
    double rateBurst = 100;            ///< Frames a connection may send at once.
    int maxRejectionsBeforeClose = 20; ///< Rate-limited frames in a row before closing with 1008.
    int editWindowSeconds = 0; ///< How long after sending its author may edit a message (--edit-window); 0: always.
    /// Bytes of messages per history answer, and what a connection may have queued before more history is
    /// built for it (docs/protocol.md, "History budget"). See historyBudgetFor().
    qint64 historyBudgetBytes = Protocol::historyBudgetBytes;

    /// The history budget for a send queue bound: a quarter of it at most, so history never fills a queue
    /// that live messages need too.
    static qint64 historyBudgetFor(qint64 maxSendQueueBytes)
    {
        return qMin(Protocol::historyBudgetBytes, maxSendQueueBytes / 4);
    }
};

} // namespace Kaiwa::Server
