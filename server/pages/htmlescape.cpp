// SPDX-License-Identifier: MIT
#include "htmlescape.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

QString HtmlEscape::text(QStringView text)
{
    QString escaped;
    escaped.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            escaped += u"&amp;"_s;
            break;
        case u'<':
            escaped += u"&lt;"_s;
            break;
        case u'>':
            escaped += u"&gt;"_s;
            break;
        case u'"':
            escaped += u"&quot;"_s;
            break;
        case u'\'':
            escaped += u"&#39;"_s;
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

QString HtmlEscape::scriptJson(const QJsonValue &value)
{
    // QJsonDocument serialises only objects and arrays: wrap scalars in an array and unwrap.
    QByteArray json;
    if (value.isObject()) {
        json = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    } else if (value.isArray()) {
        json = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    } else {
        json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        json = json.sliced(1, json.size() - 2);
    }
    // The three characters occur in JSON only inside strings, where the \u escapes mean the same.
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
    return QString::fromUtf8(json);
}

} // namespace Kaiwa::Server
