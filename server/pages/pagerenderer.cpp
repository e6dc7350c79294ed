// SPDX-License-Identifier: MIT
#include "pagerenderer.h"

#include "htmlescape.h"
#include "pageslogging.h"
#include "pagestrings.h"

#include <QFile>
#include <QJsonObject>
#include <QTranslator>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

const auto s_resourcePrefix = u":/kaiwa/pages/"_s;

// Placeholders a template may use besides the string ids of PageStrings.
const auto s_languageKey = u"lang"_s;
const auto s_i18nKey = u"raw:i18n"_s;
const auto s_roomJsonKey = u"raw:room"_s;
const auto s_accountJsonKey = u"raw:account"_s;
const auto s_roomTitleKey = u"room.title"_s;
const auto s_nextKey = u"next"_s;
const auto s_errorKey = u"error"_s;
const auto s_signedInKey = u"login.signedIn"_s;
const auto s_logoutHiddenKey = u"raw:logoutHidden"_s;
const auto s_bannedTextKey = u"banned.text"_s;
const auto s_bannedExpiryKey = u"expiry"_s;

struct StaticFileSpec {
    const char *name;
    QByteArrayView contentType;
};

// The only files /static/ serves. Looked up by exact name: no path is ever built from a request.
const StaticFileSpec s_staticFiles[] = {
    {"kit.js", PageRenderer::javaScriptContentType},        {"index.js", PageRenderer::javaScriptContentType},
    {"directory.js", PageRenderer::javaScriptContentType},  {"mentions.js", PageRenderer::javaScriptContentType},
    {"paging.js", PageRenderer::javaScriptContentType},     {"catchup.js", PageRenderer::javaScriptContentType},
    {"search.js", PageRenderer::javaScriptContentType},     {"room.js", PageRenderer::javaScriptContentType},
    {"moderation.js", PageRenderer::javaScriptContentType}, {"kaiwa.css", PageRenderer::cssContentType},
};

} // namespace

PageRenderer::PageRenderer()
    : m_negotiator({u"en"_s, u"ja"_s})
{
    for (const QString &language : m_negotiator.supported()) {
        auto translator = std::make_unique<QTranslator>();
        const QString fileName = u":/i18n/kaiwa-server_%1.qm"_s.arg(language);
        if (translator->load(fileName))
            m_translators.emplace(language, std::move(translator));
        else if (language != m_negotiator.defaultLanguage()) // English falls back to the sources
            qCWarning(lcPages) << "cannot load translation" << fileName << "- pages fall back to English";
    }

    for (const QString &language : m_negotiator.supported())
        m_baseValues.insert(language, baseValues(language));

    const auto index = loadTemplate(u"index.html"_s, {});
    const auto notFound = loadTemplate(u"404.html"_s, {});
    m_roomTemplate = loadTemplate(u"room.html"_s, {s_roomJsonKey, s_accountJsonKey, s_logoutHiddenKey});
    m_loginTemplate = loadTemplate(u"login.html"_s, {s_nextKey, s_errorKey, s_logoutHiddenKey});
    m_bannedTemplate = loadTemplate(u"banned.html"_s, {s_bannedExpiryKey});
    for (const QString &language : m_negotiator.supported()) {
        const QHash<QString, QString> &values = m_baseValues[language];
        m_indexPages.insert(language, index ? PageResponse{200, htmlContentType.toByteArray(), index->render(values)}
                                            : internalError());
        m_notFoundPages.insert(language,
                               notFound ? PageResponse{404, htmlContentType.toByteArray(), notFound->render(values)}
                                        : internalError());
    }

    for (const StaticFileSpec &spec : s_staticFiles) {
        const QString fileName = s_resourcePrefix + QLatin1StringView(spec.name);
        QFile file(fileName);
        if (!file.open(QIODevice::ReadOnly)) {
            qCCritical(lcPages) << "cannot read static file" << fileName << file.errorString();
            continue;
        }
        m_staticFiles.append({QByteArray(spec.name), {200, spec.contentType.toByteArray(), file.readAll()}});
    }
}

PageRenderer::~PageRenderer() = default;

QString PageRenderer::language(QByteArrayView acceptLanguage) const
{
    return m_negotiator.negotiate(acceptLanguage);
}

PageResponse PageRenderer::index(QByteArrayView acceptLanguage) const
{
    return m_indexPages.value(language(acceptLanguage));
}

PageResponse PageRenderer::room(const QString &room, QByteArrayView acceptLanguage, const QString &account) const
{
    if (!m_roomTemplate)
        return internalError();
    const QString lang = language(acceptLanguage);
    QHash<QString, QString> values = m_baseValues.value(lang);
    // Both are escaped: the title as HTML text by the template, the name as script JSON here.
    values.insert(s_roomTitleKey, values.value(s_roomTitleKey).arg(room));
    values.insert(s_roomJsonKey, HtmlEscape::scriptJson(room));
    // The script tells this account's messages (its own to edit) and mentions of it by this name.
    values.insert(s_accountJsonKey, HtmlEscape::scriptJson(account));
    insertAccount(values, account);
    return {200, htmlContentType.toByteArray(), m_roomTemplate->render(values)};
}

PageResponse PageRenderer::login(QByteArrayView acceptLanguage, const LoginForm &form) const
{
    if (!m_loginTemplate)
        return internalError();
    const QString lang = language(acceptLanguage);
    QHash<QString, QString> values = m_baseValues.value(lang);
    values.insert(s_nextKey, form.next);
    const char *error = form.errorId.isEmpty() ? nullptr : PageStrings::source(form.errorId);
    values.insert(s_errorKey, error ? translate(lang, error) : QString());
    insertAccount(values, form.account);
    return {200, htmlContentType.toByteArray(), m_loginTemplate->render(values)};
}

void PageRenderer::insertAccount(QHash<QString, QString> &values, const QString &account)
{
    // The account name is inserted escaped, like every non-raw value.
    values.insert(s_signedInKey, account.isEmpty() ? QString() : values.value(s_signedInKey).arg(account));
    values.insert(s_logoutHiddenKey, account.isEmpty() ? u"hidden"_s : QString());
}

PageResponse PageRenderer::notFound(QByteArrayView acceptLanguage) const
{
    return m_notFoundPages.value(language(acceptLanguage));
}

PageResponse PageRenderer::banned(const QString &room, QByteArrayView acceptLanguage, const QDateTime &until) const
{
    if (!m_bannedTemplate)
        return internalError();
    const QString lang = language(acceptLanguage);
    QHash<QString, QString> values = m_baseValues.value(lang);
    // Escaped by the template, like every non-raw value. The time is UTC, to the minute, as ISO 8601 writes it.
    values.insert(s_bannedTextKey, values.value(s_bannedTextKey).arg(room));
    values.insert(s_bannedExpiryKey,
                  until.isValid() ? values.value(u"banned.until"_s).arg(until.toUTC().toString(u"yyyy-MM-dd HH:mm"_s))
                                  : values.value(u"banned.permanent"_s));
    return {403, htmlContentType.toByteArray(), m_bannedTemplate->render(values)};
}

std::optional<PageResponse> PageRenderer::staticFile(QByteArrayView name) const
{
    for (const StaticFile &file : m_staticFiles) {
        if (name == file.name)
            return file.response;
    }
    return std::nullopt;
}

QString PageRenderer::translate(const QString &language, const char *source) const
{
    const auto it = m_translators.find(language);
    if (it != m_translators.end()) {
        QString translated = it->second->translate(PageStrings::context, source);
        if (!translated.isEmpty())
            return translated;
    }
    return QString::fromUtf8(source);
}

QHash<QString, QString> PageRenderer::baseValues(const QString &language) const
{
    QHash<QString, QString> values;
    QJsonObject scriptStrings;
    for (const PageStrings::Entry &entry : PageStrings::entries()) {
        const QString text = translate(language, entry.source);
        values.insert(entry.id, text);
        if (entry.use == PageStrings::Use::Script)
            scriptStrings.insert(entry.id, text);
    }
    values.insert(s_languageKey, language);
    values.insert(s_i18nKey, HtmlEscape::scriptJson(scriptStrings));
    return values;
}

std::optional<PageTemplate> PageRenderer::loadTemplate(const QString &fileName, const QStringList &extraKeys) const
{
    auto parsed = PageTemplate::load(s_resourcePrefix + fileName);
    if (!parsed)
        return std::nullopt;
    // A misspelt placeholder would silently render as nothing: refuse the template instead.
    const QHash<QString, QString> &known = m_baseValues.value(m_negotiator.defaultLanguage());
    for (const QString &key : parsed->keys()) {
        if (!known.contains(key) && !extraKeys.contains(key)) {
            qCCritical(lcPages) << "unknown placeholder" << key << "in template" << fileName;
            return std::nullopt;
        }
    }
    return parsed;
}

PageResponse PageRenderer::internalError()
{
    return {500, "text/plain; charset=utf-8"_ba, "500 Internal Server Error\n"_ba};
}

} // namespace Kaiwa::Server
