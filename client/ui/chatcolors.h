// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QPalette>

namespace Kaiwa::Ui {

/**
 * Every colour of the chat log, derived from a palette: whatever the theme (light, dark, high
 * contrast, the system's or one the user picks), bubbles, names, links and times follow it and stay
 * readable. Nothing in the log paints a fixed colour.
 *
 * Sender colours are the one place names get their colour, so the member list and the log agree:
 * a hue from the name and whether it is an account's (the same on every machine and in every run), with
 * the lightness chosen for
 * the palette, so that the name reads on both the window's base and the bubbles (a contrast of at
 * least 4.5:1, WCAG AA for text). Links are the palette's link colour, made lighter or darker only when
 * they would not read on a bubble (pure blue on a dark theme).
 */
class ChatColors
{
public:
    /// WCAG AA for normal text.
    static constexpr double minimumContrast = 4.5;

    explicit ChatColors(const QPalette &palette);

    const QPalette &palette() const { return m_palette; }
    QColor background() const { return m_palette.color(QPalette::Base); }
    QColor text() const { return m_palette.color(QPalette::Text); }
    /// Bubbles of other senders: the base colour, a little towards the text.
    QColor otherBubble() const { return m_otherBubble; }
    /// Bubbles of the user's own messages: the base colour towards the highlight.
    QColor ownBubble() const { return m_ownBubble; }
    /// Bubbles of messages that mention the user: the base colour towards amber, whoever sent them.
    QColor mentionBubble() const { return m_mentionBubble; }
    /// The frame of a message that mentions the user, readable against the background.
    QColor mention() const { return m_mention; }
    /// Times, delivery states, notices and dividers: quieter than text, still readable on any bubble.
    QColor secondaryText() const { return m_secondaryText; }
    /// Links in messages, readable on every bubble.
    QColor link() const { return m_link; }
    /// The verified badge and bar: the link colour, as readable on every bubble.
    QColor verified() const { return m_link; }
    /// The frame of the message that has the keyboard focus, and selected text.
    QColor highlight() const { return m_palette.color(QPalette::Highlight); }
    QColor highlightedText() const { return m_palette.color(QPalette::HighlightedText); }

    /**
     * The colour of `name` on this palette's base and bubbles. A sender signed in to an account
     * (`verified`) gets another colour than anonymous senders who took the same name: the colour stands
     * for who it is, and a borrowed name does not borrow it.
     */
    QColor sender(const QString &name, bool verified = false) const;
    /// The same for anyone else to use (the member list): readable on the palette's Base and the bubbles.
    static QColor senderColor(const QString &name, const QPalette &palette, bool verified = false);

    /// The WCAG contrast ratio of two colours, 1 to 21.
    static double contrast(const QColor &a, const QColor &b);
    /// WCAG relative luminance, 0 (black) to 1 (white).
    static double luminance(const QColor &color);
    /// `share` of a, the rest of b.
    static QColor mixed(const QColor &a, const QColor &b, double share);
    /// `color` made lighter or darker (its hue kept) until it reaches `ratio` against every background.
    static QColor readable(const QColor &color, std::initializer_list<QColor> backgrounds,
                           double ratio = minimumContrast);

private:
    QPalette m_palette;
    QColor m_otherBubble;
    QColor m_ownBubble;
    QColor m_mentionBubble;
    QColor m_mention;
    QColor m_secondaryText;
    QColor m_link;
};

} // namespace Kaiwa::Ui
