// SPDX-License-Identifier: MIT
#include "chatcolors.h"

#include <QString>

#include <cmath>

namespace Kaiwa::Ui {

namespace {

/// FNV-1a over the UTF-16 of the name: the same on every machine and in every run (qHash is seeded).
quint32 stableHash(const QString &text)
{
    quint32 hash = 2166136261u;
    for (const QChar c : text) {
        hash ^= c.unicode();
        hash *= 16777619u;
    }
    return hash;
}

double channel(double value)
{
    return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

bool isDark(const QColor &color)
{
    return ChatColors::luminance(color) < 0.4;
}

} // namespace

ChatColors::ChatColors(const QPalette &palette)
    : m_palette(palette)
{
    const QColor base = background();
    m_otherBubble = mixed(text(), base, isDark(base) ? 0.12 : 0.07);
    m_ownBubble = mixed(highlight(), base, isDark(base) ? 0.35 : 0.22);
    // Amber, the colour chat clients mark mentions with; it is no sender's colour and no link's.
    const QColor amber(0xf0, 0xa0, 0x20);
    m_mentionBubble = mixed(amber, base, isDark(base) ? 0.3 : 0.25);
    m_mention = readable(amber, {base, m_mentionBubble}, 3.0);
    const std::initializer_list<QColor> bubbles{base, m_otherBubble, m_ownBubble, m_mentionBubble};
    // Placeholder text is meant for empty fields; on a bubble it may fade too far, and 3:1 is enough for
    // the small, secondary lines it is used for here.
    m_secondaryText = readable(mixed(text(), base, 0.6), bubbles, 3.0);
    m_link = readable(palette.color(QPalette::Link), bubbles);
}

QColor ChatColors::sender(const QString &name, bool verified) const
{
    const quint32 hash = stableHash(name);
    // Hues spread by the hash; saturation varies a little too, so that neighbours in hue still differ.
    // An account's name sits a third of the wheel or more away from the same name typed by anyone.
    const int hue = int(hash % 360) + (verified ? 120 + int((hash >> 16) % 120) : 0);
    const double saturation = 0.55 + ((hash >> 9) % 4) * 0.1;
    const double lightness = isDark(background()) ? 0.7 : 0.38;
    return readable(QColor::fromHslF(float((hue % 360) / 360.0), float(saturation), float(lightness)),
                    {background(), m_otherBubble, m_ownBubble});
}

QColor ChatColors::senderColor(const QString &name, const QPalette &palette, bool verified)
{
    return ChatColors(palette).sender(name, verified);
}

double ChatColors::luminance(const QColor &color)
{
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

double ChatColors::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor ChatColors::mixed(const QColor &a, const QColor &b, double share)
{
    const QColor x = a.toRgb();
    const QColor y = b.toRgb();
    return QColor::fromRgbF(float(x.redF() * share + y.redF() * (1 - share)),
                            float(x.greenF() * share + y.greenF() * (1 - share)),
                            float(x.blueF() * share + y.blueF() * (1 - share)));
}

QColor ChatColors::readable(const QColor &color, std::initializer_list<QColor> backgrounds, double ratio)
{
    const auto worst = [&backgrounds](const QColor &candidate) {
        double lowest = 21;
        for (const QColor &background : backgrounds)
            lowest = std::min(lowest, contrast(candidate, background));
        return lowest;
    };
    if (worst(color) >= ratio)
        return color;
    // Towards white on dark backgrounds, towards black on light ones, in small steps of HSL lightness.
    double average = 0;
    for (const QColor &background : backgrounds)
        average += luminance(background);
    const bool lighten = average / double(backgrounds.size()) < 0.4;
    float hue = 0;
    float saturation = 0;
    float lightness = 0;
    color.toHsl().getHslF(&hue, &saturation, &lightness);
    QColor candidate = color;
    for (int step = 0; step < 50 && worst(candidate) < ratio; ++step) {
        lightness = std::clamp(lightness + (lighten ? 0.02f : -0.02f), 0.0f, 1.0f);
        candidate = QColor::fromHslF(std::max(hue, 0.0f), saturation, lightness);
    }
    return candidate;
}

} // namespace Kaiwa::Ui
