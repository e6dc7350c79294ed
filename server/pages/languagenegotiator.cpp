// SPDX-License-Identifier: MIT
#include "languagenegotiator.h"

#include <QList>

#include <algorithm>
#include <optional>

namespace Kaiwa::Server {

namespace {

struct LanguageRange {
    QByteArray primary; ///< lower-case primary subtag, or "*"
    bool hasSubtags = false;
    int quality = 1000; ///< q times 1000, so "0.001" compares exactly
};

bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isAlphaNum(char c)
{
    return isAlpha(c) || (c >= '0' && c <= '9');
}

/// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), as thousandths.
std::optional<int> parseQuality(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 5 || (text[0] != '0' && text[0] != '1'))
        return std::nullopt;
    int value = (text[0] - '0') * 1000;
    if (text.size() == 1)
        return value;
    if (text[1] != '.')
        return std::nullopt;
    int scale = 100;
    for (qsizetype i = 2; i < text.size(); ++i) {
        if (text[i] < '0' || text[i] > '9')
            return std::nullopt;
        value += (text[i] - '0') * scale;
        scale /= 10;
    }
    if (value > 1000)
        return std::nullopt;
    return value;
}

/// language-range = (1*8ALPHA *("-" 1*8alphanum)) / "*"
std::optional<LanguageRange> parseRange(QByteArrayView element)
{
    const QList<QByteArray> parts = element.toByteArray().split(';');
    const QByteArray tag = parts.constFirst().trimmed();
    if (tag.isEmpty())
        return std::nullopt;

    LanguageRange range;
    if (tag == "*") {
        range.primary = tag;
    } else {
        const QList<QByteArray> subtags = tag.split('-');
        for (qsizetype i = 0; i < subtags.size(); ++i) {
            const QByteArray &subtag = subtags.at(i);
            if (subtag.isEmpty() || subtag.size() > 8)
                return std::nullopt;
            const bool ok = std::all_of(subtag.cbegin(), subtag.cend(), i == 0 ? isAlpha : isAlphaNum);
            if (!ok)
                return std::nullopt;
        }
        range.primary = subtags.constFirst().toLower();
        range.hasSubtags = subtags.size() > 1;
    }

    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray parameter = parts.at(i).trimmed();
        const qsizetype equals = parameter.indexOf('=');
        if (equals < 0)
            return std::nullopt;
        const QByteArray name = parameter.left(equals).trimmed().toLower();
        if (name != "q")
            continue; // other parameters are not defined for Accept-Language; ignore them
        const std::optional<int> quality = parseQuality(QByteArrayView(parameter).sliced(equals + 1).trimmed());
        if (!quality)
            return std::nullopt;
        range.quality = *quality;
    }
    return range;
}

} // namespace

LanguageNegotiator::LanguageNegotiator(QStringList supported)
    : m_supported(std::move(supported))
{
    Q_ASSERT(!m_supported.isEmpty());
}

QString LanguageNegotiator::negotiate(QByteArrayView acceptLanguage) const
{
    QList<LanguageRange> ranges;
    qsizetype start = 0;
    for (int element = 0; start <= acceptLanguage.size() && element < maxRanges; ++element) {
        qsizetype end = acceptLanguage.indexOf(',', start);
        if (end < 0)
            end = acceptLanguage.size();
        if (auto range = parseRange(acceptLanguage.sliced(start, end - start)))
            ranges.append(*range);
        start = end + 1;
    }

    QStringList refused;
    for (const LanguageRange &range : std::as_const(ranges)) {
        if (range.quality == 0 && !range.hasSubtags && range.primary != "*")
            refused.append(QString::fromLatin1(range.primary));
    }

    // Stable: equal qualities keep the order the client wrote them in.
    std::stable_sort(ranges.begin(), ranges.end(),
                     [](const LanguageRange &a, const LanguageRange &b) { return a.quality > b.quality; });
    for (const LanguageRange &range : std::as_const(ranges)) {
        if (range.quality == 0)
            break;
        if (range.primary == "*") {
            for (const QString &language : m_supported) {
                if (!refused.contains(language))
                    return language;
            }
            continue;
        }
        const QString language = QString::fromLatin1(range.primary);
        if (m_supported.contains(language) && !refused.contains(language))
            return language;
    }
    return defaultLanguage();
}

} // namespace Kaiwa::Server
