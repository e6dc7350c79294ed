// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

// Logging category of the widgets (Kaiwa::ClientUi), declared once for the target.
Q_DECLARE_LOGGING_CATEGORY(lcUi) ///< kaiwa.client.ui
