// SPDX-License-Identifier: MIT
#include "serverapi.h"

#include "logging.h"
#include "signin.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Kaiwa::Client {

using namespace Qt::StringLiterals;

ServerApi::ServerApi(const QUrl &server, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_network(new QNetworkAccessManager(this))
{
}

ServerApi::~ServerApi() = default;

QNetworkReply *ServerApi::get(const QString &path, const QUrlQuery &query, QObject *context, Callback done)
{
    QUrl url = m_server.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + u'/' + path);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    QNetworkReply *reply = m_network->get(request);
    auto certificateProblem = std::make_shared<QString>();
    connect(reply, &QNetworkReply::sslErrors, reply, [certificateProblem](const QList<QSslError> &errors) {
        *certificateProblem = describeCertificateErrors(errors); // never ignored: the reply fails
    });
    connect(reply, &QNetworkReply::finished, context, [reply, certificateProblem, done = std::move(done)] {
        reply->deleteLater();
        if (reply->error() == QNetworkReply::OperationCanceledError)
            return; // abandoned by its caller
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QJsonParseError parseError;
        answer.json = QJsonDocument::fromJson(reply->readAll(), &parseError);
        if (!certificateProblem->isEmpty()) {
            answer.error =
                tr("The server's certificate is not trusted, so nothing was asked:\n%1").arg(*certificateProblem);
        } else if (answer.status == 0) {
            answer.error = tr("The server could not be reached: %1").arg(reply->errorString());
        } else if (answer.status != 200) {
            answer.retryAfterSeconds = reply->rawHeader("Retry-After").toInt();
            answer.error = describeRefusal(answer.status, answer.json.object().value("error"_L1).toString());
        } else if (parseError.error != QJsonParseError::NoError) {
            answer.error = tr("The server's answer was not understood (is this a kaiwa-server?).");
        }
        if (!answer.ok())
            qCInfo(lcSession) << "GET" << reply->url().path() << "failed:" << answer.status << answer.error;
        done(answer);
    });
    return reply;
}

QString ServerApi::describeRefusal(int status, const QString &serverError)
{
    switch (status) {
    case 401:
        return tr("Sign in to this server first.");
    case 404:
        return tr("This server does not offer that (it may be an older kaiwa-server, or not one).");
    case 429:
        return tr("Too many requests at once: wait a moment and try again.");
    default:
        break;
    }
    if (status >= 400 && status < 500 && !serverError.isEmpty())
        return tr("The server refused the request: %1").arg(serverError);
    return tr("The server could not answer (HTTP %1).").arg(status);
}

} // namespace Kaiwa::Client
