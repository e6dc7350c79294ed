// SPDX-License-Identifier: MIT
#include "transportlogging.h"

namespace Kaiwa::Server {

Q_LOGGING_CATEGORY(lcTransport, "kaiwa.server.transport", QtInfoMsg)

} // namespace Kaiwa::Server
