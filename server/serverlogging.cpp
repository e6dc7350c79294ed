// SPDX-License-Identifier: MIT
#include "serverlogging.h"

Q_LOGGING_CATEGORY(lcTransport, "kaiwa.server.transport", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLayer, "kaiwa.server.layer", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConsumer, "kaiwa.server.consumer", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRouting, "kaiwa.server.routing", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "kaiwa.server.app", QtInfoMsg)
