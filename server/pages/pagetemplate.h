// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Kaiwa::Server {

/**
 * An HTML template with `{{key}}` placeholders, parsed once.
 *
 * render() replaces each placeholder by its value, HTML-escaped; keys that start with "raw:"
 * are inserted unescaped (for content the renderer has already made safe, such as JSON for a
 * script element). The template text itself is trusted; values never are.
 */
class PageTemplate
{
public:
    /// Parses template text; nothing when a "{{" is not closed.
    static std::optional<PageTemplate> parse(const QString &text);

    /// Loads and parses a template file (usually a Qt resource); nothing on failure (logged).
    static std::optional<PageTemplate> load(const QString &fileName);

    /// The distinct placeholder keys, in order of first use.
    QStringList keys() const;

    /**
     * The filled-in page as UTF-8. A key missing from @p values renders as nothing;
     * check keys() when loading so that this does not happen.
     */
    QByteArray render(const QHash<QString, QString> &values) const;

    static bool isRawKey(QStringView key) { return key.startsWith(QLatin1StringView("raw:")); }

private:
    struct Segment {
        QString literal;
        QString key; ///< empty for a literal
    };
    QList<Segment> m_segments;
};

} // namespace Kaiwa::Server
