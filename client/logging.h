// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

// Logging categories of the client library (Kaiwa::Client), declared once for the target.
Q_DECLARE_LOGGING_CATEGORY(lcConnection) ///< kaiwa.client.connection: link state, retries, frames.
Q_DECLARE_LOGGING_CATEGORY(lcSession)    ///< kaiwa.client.session: rooms, settings.
