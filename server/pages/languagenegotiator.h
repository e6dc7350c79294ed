// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace Kaiwa::Server {

/**
 * Chooses one of the languages a site offers from an HTTP Accept-Language header (RFC 9110 §12.5.4).
 *
 * Only primary language subtags are compared, case-insensitively: "ja-JP" asks for "ja".
 * Ranges are tried by descending quality (q), ties in header order; "*" stands for the first
 * offered language not explicitly refused. A range with q=0 refuses its language only when it
 * names the bare language ("en;q=0"), as a more specific range ("en-GB;q=0") still leaves others.
 * Malformed ranges and q-values are skipped. Nothing acceptable yields the default language.
 */
class LanguageNegotiator
{
public:
    /**
     * @param supported lower-case primary language tags, e.g. {"en", "ja"}; the first one is the
     *        default. Must not be empty.
     */
    explicit LanguageNegotiator(QStringList supported);

    /// The chosen language: always one of supported().
    QString negotiate(QByteArrayView acceptLanguage) const;

    const QStringList &supported() const { return m_supported; }
    const QString &defaultLanguage() const { return m_supported.constFirst(); }

    /// Largest number of list elements (ranges, also empty or malformed ones) looked at; the rest is ignored.
    static constexpr int maxRanges = 32;

private:
    QStringList m_supported;
};

} // namespace Kaiwa::Server
