// SPDX-License-Identifier: MIT
#pragma once

#include <QSize>
#include <QTemporaryDir>

namespace KaiwaTest {

/**
 * A screen of a given size in device pixels for the offscreen platform (its default is 800×800),
 * through the plugin's JSON configuration (`-platform offscreen:configfile=…`, Qt 6.2 and later).
 * Construct it before the QApplication; it rewrites QT_QPA_PLATFORM only when that says "offscreen",
 * so a run under a real display is left alone. Combined with QT_SCALE_FACTOR=2, a 1600×1000 screen is
 * a laptop at 2×: 800×500 logical pixels.
 */
class OffscreenScreen
{
public:
    explicit OffscreenScreen(QSize devicePixels);

private:
    QTemporaryDir m_directory; ///< Holds the configuration until the platform has read it (at exit, gone).
};

} // namespace KaiwaTest
