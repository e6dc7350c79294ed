// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace Kaiwa::Server {

/// The chat behaviour a consumer follows, from the daemon's options.
struct ChatSettings {
    int historyOnJoin = 50;         ///< Latest messages replayed on join; 0 disables.
    int maxRecovery = 1000;         ///< Most messages replayed for ?since=; older ones are reported as a gap.
    double rateLimit = 20;          ///< Frames per second per connection; 0 disables.
    double rateBurst = 100;         ///< Frames a connection may send at once.
    int maxRejectionsBeforeClose = 20; ///< Rate-limited frames in a row before closing with 1008.
};

} // namespace Kaiwa::Server
