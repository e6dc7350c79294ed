// SPDX-License-Identifier: MIT
#include "layerslogging.h"

namespace Kaiwa::Server {

Q_LOGGING_CATEGORY(lcLayer, "kaiwa.server.layer", QtInfoMsg)

} // namespace Kaiwa::Server
