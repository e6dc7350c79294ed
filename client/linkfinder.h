// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace Kaiwa::Client {

/// A web or e-mail address found in plain message text.
struct TextLink {
    qsizetype start = 0; ///< Offset in the text, in UTF-16 code units.
    qsizetype length = 0;
    QUrl url;
    friend bool operator==(const TextLink &, const TextLink &) = default;
};

/**
 * Finds http(s):// and www. addresses and e-mail addresses (as `mailto:` links) in plain text, so views
 * can make them clickable without ever interpreting the text as HTML. Trailing punctuation and
 * unbalanced closing brackets are left out ("see https://example.org/a_(b)." links
 * "https://example.org/a_(b)"). Other schemes (javascript:, file:) are never links.
 */
class LinkFinder
{
public:
    static QList<TextLink> find(const QString &text);
};

} // namespace Kaiwa::Client
