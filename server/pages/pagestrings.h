// SPDX-License-Identifier: MIT
#pragma once

#include <QLatin1StringView>
#include <QStringView>

#include <span>

namespace Kaiwa::Server {

/**
 * Every user-visible string of the web pages, in English, marked for Qt Linguist.
 *
 * Templates name strings by id ("{{index.prompt}}"); scripts receive the Script strings as a
 * JSON object keyed by id. The sources are translated per request with the QTranslator of the
 * negotiated language, in the translation context `context`.
 */
class PageStrings
{
public:
    /// Where a string is used: in a template only, or (also) by the pages' scripts.
    enum class Use {
        Html,
        Script,
    };

    struct Entry {
        QLatin1StringView id;
        const char *source;
        Use use;
    };

    /// Translation context of all page strings.
    static constexpr const char *context = "Pages";

    /// The whole table, in a fixed order.
    static std::span<const Entry> entries();

    /// The English source text of a string id, or nullptr when there is no such id.
    static const char *source(QStringView id);
};

} // namespace Kaiwa::Server
