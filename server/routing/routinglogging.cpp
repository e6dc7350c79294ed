// SPDX-License-Identifier: MIT
#include "routinglogging.h"

namespace Kaiwa::Server {

Q_LOGGING_CATEGORY(lcRouting, "kaiwa.server.routing", QtInfoMsg)

} // namespace Kaiwa::Server
