// SPDX-License-Identifier: MIT
#include "themeswitcher.h"

#include "uilogging.h"

#include "client/clientsettings.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace Kaiwa::Ui {

using namespace Qt::StringLiterals;

namespace {

const auto fusion = u"Fusion"_s;

} // namespace

ThemeSwitcher::ThemeSwitcher(Client::ClientSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_systemStyle(QApplication::style()->name())
    , m_theme(fromKey(settings.theme()))
{
    if (m_theme != Theme::System)
        apply();
}

void ThemeSwitcher::setTheme(Theme theme)
{
    m_settings.setTheme(key(theme));
    if (theme == m_theme)
        return;
    m_theme = theme;
    apply();
    Q_EMIT themeChanged(theme);
}

void ThemeSwitcher::apply()
{
    // The style first: setting a style puts its own standard palette in place.
    const QString style = m_theme == Theme::System ? m_systemStyle : fusion;
    if (QApplication::style()->name().compare(style, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(style);
    switch (m_theme) {
    case Theme::System:
        QApplication::setPalette(QPalette()); // nothing set: the platform's palette again
        break;
    case Theme::Light:
        QApplication::setPalette(lightPalette());
        break;
    case Theme::Dark:
        QApplication::setPalette(darkPalette());
        break;
    }
    qCDebug(lcUi) << "theme" << key(m_theme) << "style" << QApplication::style()->name();
}

QPalette ThemeSwitcher::lightPalette()
{
    const std::unique_ptr<QStyle> style(QStyleFactory::create(fusion));
    QPalette palette = style->standardPalette();
    // Fusion's links are pure blue; a darker, calmer blue reads as well and matches the highlight.
    palette.setColor(QPalette::Link, QColor(0x1a, 0x5f, 0xb4));
    palette.setColor(QPalette::LinkVisited, QColor(0x61, 0x35, 0x83));
    return palette;
}

QPalette ThemeSwitcher::darkPalette()
{
    const QColor window(0x2b, 0x2b, 0x2e);
    const QColor base(0x1e, 0x1e, 0x21);
    const QColor text(0xe6, 0xe6, 0xe8);
    const QColor disabledText(0x7c, 0x7c, 0x82);
    const QColor button(0x35, 0x35, 0x39);

    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x2a));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3f));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0xa2));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, button);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x8a, 0x80));
    palette.setColor(QPalette::Light, button.lighter(150));
    palette.setColor(QPalette::Midlight, button.lighter(125));
    palette.setColor(QPalette::Mid, button.darker(125));
    palette.setColor(QPalette::Dark, button.darker(150));
    palette.setColor(QPalette::Shadow, Qt::black);
    palette.setColor(QPalette::Highlight, QColor(0x3f, 0x72, 0xc0));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    // Light blue and lilac: over 7:1 against the base, where the default pure blue is under 2.5:1.
    palette.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    palette.setColor(QPalette::LinkVisited, QColor(0xc5, 0x9b, 0xf5));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4a, 0x50));
    palette.setColor(QPalette::Disabled, QPalette::HighlightedText, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Button, window);
    return palette;
}

bool ThemeSwitcher::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < palette.color(QPalette::WindowText).lightnessF();
}

QString ThemeSwitcher::key(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return u"light"_s;
    case Theme::Dark:
        return u"dark"_s;
    case Theme::System:
        break;
    }
    return {};
}

ThemeSwitcher::Theme ThemeSwitcher::fromKey(const QString &key)
{
    if (key == "light"_L1)
        return Theme::Light;
    if (key == "dark"_L1)
        return Theme::Dark;
    return Theme::System;
}

} // namespace Kaiwa::Ui
