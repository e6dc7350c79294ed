// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace Kaiwa::Server {

/// "kaiwa.server.storage": opening, schema upgrades, write failures and retention of message stores.
Q_DECLARE_LOGGING_CATEGORY(lcStorage)

} // namespace Kaiwa::Server
