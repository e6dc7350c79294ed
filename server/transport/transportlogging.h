// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace Kaiwa::Server {

/// "kaiwa.server.transport": HTTP heads, WebSockets, sockets and the listening port.
Q_DECLARE_LOGGING_CATEGORY(lcTransport)

} // namespace Kaiwa::Server
