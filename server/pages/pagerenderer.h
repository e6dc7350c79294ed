// SPDX-License-Identifier: MIT
#pragma once

#include "languagenegotiator.h"
#include "pageresponse.h"
#include "pagetemplate.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <map>
#include <memory>
#include <optional>

class QTranslator;

namespace Kaiwa::Server {

/**
 * Renders the chat's web pages (the Django Channels tutorial's index and room pages, and a 404
 * page) in the language the browser prefers, and serves their scripts and style sheet.
 *
 * Templates, scripts and translations are Qt resources of this library, loaded once by the
 * constructor; pages that do not depend on the request are rendered there too. The pages
 * contain no inline script or style, so a strict Content-Security-Policy can apply:
 * scripts read their data from `<script type="application/json">` elements.
 *
 * All methods are const and do not touch shared state: calls from several threads are safe.
 */
class PageRenderer
{
public:
    /// Loads the templates, the static files and the translators (en, ja).
    PageRenderer();
    ~PageRenderer();
    PageRenderer(const PageRenderer &) = delete;
    PageRenderer &operator=(const PageRenderer &) = delete;

    /// GET /chat/: the room prompt.
    PageResponse index(QByteArrayView acceptLanguage) const;

    /**
     * GET /chat/<room>/: the chat room.
     * @param room the decoded room name, already validated (Kaiwa::RoomName). It is still only
     *        ever inserted escaped, as text or as JSON.
     * @param account the account the browser is signed in to, or empty: the page then shows it with
     *        a sign-out button.
     */
    PageResponse room(const QString &room, QByteArrayView acceptLanguage, const QString &account = {}) const;

    /// What the sign-in page shows besides its form.
    struct LoginForm {
        QString next;    ///< Where to go after signing in (already checked to be a local path).
        QString errorId; ///< A PageStrings id ("login.failed"), or empty.
        QString account; ///< The account already signed in, or empty.
    };
    /// GET /login, and POST /login when it failed.
    PageResponse login(QByteArrayView acceptLanguage, const LoginForm &form) const;

    /// The 404 page (status 404), with a link back to /chat/.
    PageResponse notFound(QByteArrayView acceptLanguage) const;

    /**
     * The room page of a browser banned from the room (status 403; docs/protocol.md, "Moderation"): says so, and
     * until when (`until` in UTC; invalid: until a moderator lifts it), with a link back to /chat/.
     */
    PageResponse banned(const QString &room, QByteArrayView acceptLanguage, const QDateTime &until) const;

    /**
     * GET /static/<name>: an exact match against a fixed list of file names (the pages' scripts and
     * kaiwa.css). The name is never used as a path; anything else gives nothing.
     */
    std::optional<PageResponse> staticFile(QByteArrayView name) const;

    /// The language chosen for a header, "en" or "ja".
    QString language(QByteArrayView acceptLanguage) const;

    static constexpr QByteArrayView htmlContentType{"text/html; charset=utf-8"};
    static constexpr QByteArrayView javaScriptContentType{"text/javascript; charset=utf-8"};
    static constexpr QByteArrayView cssContentType{"text/css; charset=utf-8"};

private:
    struct StaticFile {
        QByteArray name;
        PageResponse response;
    };

    QString translate(const QString &language, const char *source) const;
    /// Fills the signed-in account and the sign-out form's visibility (login and room pages).
    static void insertAccount(QHash<QString, QString> &values, const QString &account);
    QHash<QString, QString> baseValues(const QString &language) const;
    std::optional<PageTemplate> loadTemplate(const QString &fileName, const QStringList &extraKeys) const;
    static PageResponse internalError();

    LanguageNegotiator m_negotiator;
    std::map<QString, std::unique_ptr<QTranslator>> m_translators;
    std::optional<PageTemplate> m_roomTemplate;
    std::optional<PageTemplate> m_loginTemplate;
    std::optional<PageTemplate> m_bannedTemplate;
    QHash<QString, QHash<QString, QString>> m_baseValues; ///< per language
    QHash<QString, PageResponse> m_indexPages;            ///< per language
    QHash<QString, PageResponse> m_notFoundPages;         ///< per language
    QList<StaticFile> m_staticFiles;
};

} // namespace Kaiwa::Server
