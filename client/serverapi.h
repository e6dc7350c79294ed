// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonDocument>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Kaiwa::Client {

/**
 * Read-only requests to a kaiwa-server's JSON API (`GET <server>/api/...`), with the session's sign-in
 * token as `Authorization: Bearer` when there is one (servers with --require-login refuse the API
 * without it). No widgets; a Session owns one and keeps its token current.
 *
 * TLS errors are never ignored: the request fails and its error says why. Redirects are not followed
 * (the token must not go somewhere else).
 */
class ServerApi : public QObject
{
    Q_OBJECT

public:
    /// What came back: the JSON of a 200, or what went wrong, in words (translated).
    struct Answer {
        int status = 0; ///< HTTP status; 0 when no answer came.
        QJsonDocument json;
        QString error;             ///< Empty when the request worked (200 with JSON).
        int retryAfterSeconds = 0; ///< From a 429.
        bool ok() const { return error.isEmpty(); }
    };
    using Callback = std::function<void(const Answer &answer)>;

    explicit ServerApi(const QUrl &server, QObject *parent = nullptr);
    ~ServerApi() override;

    QUrl server() const { return m_server; }
    void setAccessToken(const QByteArray &token) { m_token = token; }
    QByteArray accessToken() const { return m_token; }

    /**
     * Starts `GET <server>/<path>?<query>` (`path` without a leading slash, e.g. "api/rooms"); `done` is
     * called once, in `context`'s thread, unless `context` is gone or abort() was called on the returned
     * reply first. The reply deletes itself.
     */
    QNetworkReply *get(const QString &path, const QUrlQuery &query, QObject *context, Callback done);

    /// The error text of a refusal, for `status` and the server's `{"error": ...}`.
    static QString describeRefusal(int status, const QString &serverError);

private:
    QUrl m_server;
    QByteArray m_token;
    QNetworkAccessManager *m_network;
};

} // namespace Kaiwa::Client
