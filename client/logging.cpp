// SPDX-License-Identifier: MIT
#include "logging.h"

Q_LOGGING_CATEGORY(lcConnection, "kaiwa.client.connection", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSession, "kaiwa.client.session", QtInfoMsg)
