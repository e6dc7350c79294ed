// SPDX-License-Identifier: MIT
#include "consumerslogging.h"

namespace Kaiwa::Server {

Q_LOGGING_CATEGORY(lcConsumer, "kaiwa.server.consumer", QtInfoMsg)

} // namespace Kaiwa::Server
