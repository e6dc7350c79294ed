// SPDX-License-Identifier: MIT
#include "storagelogging.h"

namespace Kaiwa::Server {

Q_LOGGING_CATEGORY(lcStorage, "kaiwa.server.storage")

} // namespace Kaiwa::Server
