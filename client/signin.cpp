// SPDX-License-Identifier: MIT
#include "signin.h"

#include "logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Kaiwa::Client {

using namespace Qt::StringLiterals;

QString describeCertificateErrors(const QList<QSslError> &errors)
{
    QStringList lines;
    for (const QSslError &error : errors)
        lines.append(error.errorString());
    lines.removeDuplicates();
    return lines.join(u'\n');
}

SignIn::SignIn(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
}

SignIn::~SignIn() = default;

void SignIn::start(const QUrl &server, const QString &name, const QString &password)
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    m_certificateProblem.clear();
    m_retryAfterSeconds = 0;
    QUrl url = server;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/login"_s);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    request.setRawHeader("Accept", "application/json");
    // A sign-in must not follow a redirect to somewhere else with the password.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Every byte but unreserved ones percent-encoded: '+', '&' and '=' in a password stay themselves.
    const QByteArray form = "name=" + QUrl::toPercentEncoding(name) + "&password=" + QUrl::toPercentEncoding(password);
    m_reply = m_network->post(request, form);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Never ignored: the reply fails with the errors as its reason.
        m_certificateProblem = describeCertificateErrors(errors);
        Q_EMIT certificateErrors(errors);
    });
    connect(m_reply, &QNetworkReply::finished, this, &SignIn::onFinished);
}

void SignIn::onFinished()
{
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    if (!m_certificateProblem.isEmpty()) {
        Q_EMIT failed(
            Failure::Certificate,
            tr("The server's certificate is not trusted, so nothing was sent:\n%1").arg(m_certificateProblem));
        return;
    }
    if (status == 200 && !body.value("token"_L1).toString().isEmpty()) {
        qCInfo(lcConnection) << "signed in to" << reply->url().host() << "as" << body.value("user"_L1).toString();
        Q_EMIT succeeded(body.value("token"_L1).toString().toLatin1(), body.value("user"_L1).toString());
        return;
    }
    if (status == 401) {
        Q_EMIT failed(Failure::WrongCredentials, tr("Wrong account name or password."));
        return;
    }
    if (status == 429) {
        m_retryAfterSeconds = reply->rawHeader("Retry-After").toInt();
        Q_EMIT failed(Failure::Throttled, tr("Too many failed attempts. Try again in %n second(s).", nullptr,
                                             qMax(1, m_retryAfterSeconds)));
        return;
    }
    if (status == 0) {
        Q_EMIT failed(Failure::Network, tr("The server could not be reached: %1").arg(reply->errorString()));
        return;
    }
    Q_EMIT failed(Failure::Server, tr("The server refused to sign you in (HTTP %1).").arg(status));
}

} // namespace Kaiwa::Client
