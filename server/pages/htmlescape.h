// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace Kaiwa::Server {

/// Escaping for values that templates insert into HTML.
class HtmlEscape
{
public:
    /**
     * Escapes text for HTML element content and quoted attribute values:
     * & < > " ' become character references. Everything else is kept.
     */
    static QString text(QStringView text);

    /**
     * Serialises a JSON value (compact, UTF-8) for the content of a
     * `<script type="application/json">` element, like Django's json_script:
     * "<", ">" and "&" become \u003c, \u003e, \u0026, so the data can never close the element
     * or open a comment, and JSON.parse() still reads the original text.
     */
    static QString scriptJson(const QJsonValue &value);
};

} // namespace Kaiwa::Server
