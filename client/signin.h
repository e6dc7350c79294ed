// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QSslError>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Kaiwa::Client {

/**
 * Signs in to a kaiwa-server that has accounts: `POST <server>/login` with the name and password
 * as a form and `Accept: application/json`; the answer is a session token that RoomConnection
 * sends as `Authorization: Bearer` on the upgrade. No widgets.
 *
 * TLS errors are never ignored: the reply fails and certificateErrors() says why.
 */
class SignIn : public QObject
{
    Q_OBJECT

public:
    enum class Failure {
        WrongCredentials, ///< 401
        Throttled,        ///< 429: too many failures from this address; see retryAfterSeconds().
        Certificate,      ///< The server's TLS certificate is not trusted.
        Network,          ///< No answer, or not a kaiwa-server.
        Server,           ///< Another HTTP status (no accounts on this server, store failure...).
    };
    Q_ENUM(Failure)

    explicit SignIn(QObject *parent = nullptr);
    ~SignIn() override;

    /// Starts a request; a running one is abandoned. `server` is an http(s):// base address.
    void start(const QUrl &server, const QString &name, const QString &password);
    bool isRunning() const { return m_reply != nullptr; }
    int retryAfterSeconds() const { return m_retryAfterSeconds; }

Q_SIGNALS:
    void succeeded(const QByteArray &token, const QString &account);
    /// `message` is translated and meant for the user.
    void failed(Kaiwa::Client::SignIn::Failure failure, const QString &message);
    void certificateErrors(const QList<QSslError> &errors);

private:
    void onFinished();

    QNetworkAccessManager *m_network;
    QNetworkReply *m_reply = nullptr;
    QString m_certificateProblem;
    int m_retryAfterSeconds = 0;
};

/// The user-facing text of TLS errors, one per line.
QString describeCertificateErrors(const QList<QSslError> &errors);

} // namespace Kaiwa::Client
