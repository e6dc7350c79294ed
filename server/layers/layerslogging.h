// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace Kaiwa::Server {

/// "kaiwa.server.layer": the channel layers, Redis and presence.
Q_DECLARE_LOGGING_CATEGORY(lcLayer)

} // namespace Kaiwa::Server
