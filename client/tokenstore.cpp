// SPDX-License-Identifier: MIT
#include "tokenstore.h"

#include "logging.h"

#include <qt6keychain/keychain.h>

namespace Kaiwa::Client {

namespace {

QString keyOf(const QUrl &server)
{
    return server.toString();
}

} // namespace

TokenStore::TokenStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

TokenStore::~TokenStore() = default;

void TokenStore::read(const QUrl &server)
{
    if (m_sessionOnly) {
        // Answered like a keychain read: later, never from inside the caller.
        QMetaObject::invokeMethod(
            this, [this, server] { Q_EMIT tokenRead(server, {}); }, Qt::QueuedConnection);
        return;
    }
    start(new QKeychain::ReadPasswordJob(m_service), server);
}

void TokenStore::store(const QUrl &server, const QByteArray &token)
{
    if (m_sessionOnly)
        return;
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setBinaryData(token);
    start(job, server);
}

void TokenStore::remove(const QUrl &server)
{
    if (m_sessionOnly)
        return;
    start(new QKeychain::DeletePasswordJob(m_service), server);
}

void TokenStore::start(QKeychain::Job *job, const QUrl &server)
{
    // Jobs have no parent and delete themselves when done: a job deleted while the keychain works on it
    // crashes in the keychain's callback, and a write or removal should complete even if the store is gone.
    job->setKey(keyOf(server));
    job->setInsecureFallback(false); // never a token in a plain file
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this,
            [this, server](QKeychain::Job *finished) { onJobFinished(finished, server); });
    job->start();
}

void TokenStore::onJobFinished(QKeychain::Job *job, const QUrl &server)
{
    const QKeychain::Error error = job->error();
    if (error != QKeychain::NoError && error != QKeychain::EntryNotFound)
        switchToSessionOnly(job->errorString());
    auto *readJob = qobject_cast<QKeychain::ReadPasswordJob *>(job);
    if (!readJob)
        return;
    const QByteArray token = error == QKeychain::NoError ? readJob->binaryData() : QByteArray();
    if (!token.isEmpty())
        qCInfo(lcSession) << "sign-in token for" << keyOf(server) << "read from the keychain";
    Q_EMIT tokenRead(server, token);
}

void TokenStore::switchToSessionOnly(const QString &reason)
{
    if (m_sessionOnly)
        return;
    qCWarning(lcSession) << "no keychain available, sign-in tokens are kept for this run only:" << reason;
    m_sessionOnly = true;
    Q_EMIT sessionOnly();
}

} // namespace Kaiwa::Client
