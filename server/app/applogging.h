// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace Kaiwa::Server {

/// "kaiwa.server.app": the daemon: start, reload, shutdown.
Q_DECLARE_LOGGING_CATEGORY(lcApp)

} // namespace Kaiwa::Server
