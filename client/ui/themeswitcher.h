// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPalette>

namespace Kaiwa::Client {
class ClientSettings;
}

namespace Kaiwa::Ui {

/**
 * Light, dark, or the system's colour scheme, for the whole application, remembered in the settings.
 *
 * Light and Dark use the Fusion style with a palette of their own (in Dark, links are light blue and
 * readable on the dark base, not the default pure blue). System uses the style and palette the platform
 * gives: Qt 6.4 has no colour-scheme hint yet (QStyleHints::colorScheme() came in 6.5), so following the
 * system means following its palette, which desktops that have a dark mode switch (Plasma's platform
 * theme, macOS, Windows with darkmode) change at run time; every colour Kaiwa draws derives from the
 * palette in effect (isDark() and the QPalette roles), so it follows too.
 */
class ThemeSwitcher : public QObject
{
    Q_OBJECT

public:
    enum class Theme {
        System,
        Light,
        Dark,
    };
    Q_ENUM(Theme)

    /// Applies the theme remembered in `settings` (not owned; it must outlive the switcher).
    explicit ThemeSwitcher(Client::ClientSettings &settings, QObject *parent = nullptr);

    Theme theme() const { return m_theme; }
    /// Applies `theme` to the application and remembers it.
    void setTheme(Theme theme);

    static QPalette lightPalette();
    static QPalette darkPalette();
    /// Whether a palette is a dark one (its window darker than its text).
    static bool isDark(const QPalette &palette);
    /// The settings' word for a theme ("", "light", "dark") and back; anything else is System.
    static QString key(Theme theme);
    static Theme fromKey(const QString &key);

Q_SIGNALS:
    void themeChanged(Kaiwa::Ui::ThemeSwitcher::Theme theme);

private:
    void apply();

    Client::ClientSettings &m_settings;
    QString m_systemStyle; ///< The style the platform chose, for going back to System.
    Theme m_theme = Theme::System;
};

} // namespace Kaiwa::Ui
