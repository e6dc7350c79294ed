// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

// One category per area of the daemon; enable with QT_LOGGING_RULES="kaiwa.server.*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcTransport)
Q_DECLARE_LOGGING_CATEGORY(lcLayer)
Q_DECLARE_LOGGING_CATEGORY(lcConsumer)
Q_DECLARE_LOGGING_CATEGORY(lcRouting)
Q_DECLARE_LOGGING_CATEGORY(lcApp)
