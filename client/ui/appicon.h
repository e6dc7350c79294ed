// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>

namespace Kaiwa::Ui {

/// Kaiwa's icon (a speech bubble carrying 会) from resources/icons/kaiwa.svg, at the sizes a window and a tray need.
QIcon applicationIcon();

} // namespace Kaiwa::Ui
