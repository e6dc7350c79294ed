// SPDX-License-Identifier: MIT
#include "pagetemplate.h"

#include "htmlescape.h"
#include "pageslogging.h"

#include <QFile>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

std::optional<PageTemplate> PageTemplate::parse(const QString &text)
{
    PageTemplate result;
    qsizetype position = 0;
    while (position < text.size()) {
        const qsizetype open = text.indexOf("{{"_L1, position);
        if (open < 0) {
            result.m_segments.append({text.sliced(position), {}});
            break;
        }
        const qsizetype close = text.indexOf("}}"_L1, open + 2);
        if (close < 0)
            return std::nullopt;
        if (open > position)
            result.m_segments.append({text.sliced(position, open - position), {}});
        const QString key = text.sliced(open + 2, close - open - 2).trimmed();
        if (key.isEmpty())
            return std::nullopt;
        result.m_segments.append({{}, key});
        position = close + 2;
    }
    return result;
}

std::optional<PageTemplate> PageTemplate::load(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcPages) << "cannot read template" << fileName << file.errorString();
        return std::nullopt;
    }
    auto parsed = parse(QString::fromUtf8(file.readAll()));
    if (!parsed)
        qCCritical(lcPages) << "malformed placeholder in template" << fileName;
    return parsed;
}

QStringList PageTemplate::keys() const
{
    QStringList keys;
    for (const Segment &segment : m_segments) {
        if (!segment.key.isEmpty() && !keys.contains(segment.key))
            keys.append(segment.key);
    }
    return keys;
}

QByteArray PageTemplate::render(const QHash<QString, QString> &values) const
{
    QString page;
    for (const Segment &segment : m_segments) {
        if (segment.key.isEmpty())
            page += segment.literal;
        else if (isRawKey(segment.key))
            page += values.value(segment.key);
        else
            page += HtmlEscape::text(values.value(segment.key));
    }
    return page.toUtf8();
}

} // namespace Kaiwa::Server
