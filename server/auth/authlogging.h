// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace Kaiwa::Server {

/// "kaiwa.server.auth": sign-in, sign-out, sessions and their revocation.
Q_DECLARE_LOGGING_CATEGORY(lcAuth)

} // namespace Kaiwa::Server
