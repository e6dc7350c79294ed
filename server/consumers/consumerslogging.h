// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace Kaiwa::Server {

/// "kaiwa.server.consumer": chat connections and the chat service.
Q_DECLARE_LOGGING_CATEGORY(lcConsumer)

} // namespace Kaiwa::Server
