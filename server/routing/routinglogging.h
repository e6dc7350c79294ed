// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace Kaiwa::Server {

/// "kaiwa.server.routing": the URL map: refused upgrades and monitoring requests.
Q_DECLARE_LOGGING_CATEGORY(lcRouting)

} // namespace Kaiwa::Server
