// SPDX-License-Identifier: MIT
#include "authlogging.h"

namespace Kaiwa::Server {

Q_LOGGING_CATEGORY(lcAuth, "kaiwa.server.auth", QtInfoMsg)

} // namespace Kaiwa::Server
