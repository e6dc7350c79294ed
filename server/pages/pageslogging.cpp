// SPDX-License-Identifier: MIT
#include "pageslogging.h"

namespace Kaiwa::Server {
Q_LOGGING_CATEGORY(lcPages, "kaiwa.server.pages", QtInfoMsg)
} // namespace Kaiwa::Server
