// SPDX-License-Identifier: MIT
#include "applogging.h"

namespace Kaiwa::Server {

Q_LOGGING_CATEGORY(lcApp, "kaiwa.server.app", QtInfoMsg)

} // namespace Kaiwa::Server
