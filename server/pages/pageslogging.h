// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace Kaiwa::Server {
/// Logging category of the page renderer: "kaiwa.server.pages".
Q_DECLARE_LOGGING_CATEGORY(lcPages)
} // namespace Kaiwa::Server
