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

QByteArray TokenStore::token(const QUrl &server) const
{
    return m_tokens.value(keyOf(server));
}

bool TokenStore::isRead(const QUrl &server) const
{
    return m_sessionOnly || m_read.contains(keyOf(server));
}

void TokenStore::read(const QUrl &server)
{
    const QString key = keyOf(server);
    if (m_reading.contains(key))
        return; // tokenRead() follows the read under way
    if (isRead(server)) {
        // Answered like a keychain read: later, never from inside the caller.
        QMetaObject::invokeMethod(
            this, [this, server] { Q_EMIT tokenRead(server, token(server)); }, Qt::QueuedConnection);
        return;
    }
    m_reading.insert(key);
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    start(job, server);
}

void TokenStore::store(const QUrl &server, const QByteArray &token)
{
    m_tokens.insert(keyOf(server), token);
    m_read.insert(keyOf(server)); // what the keychain holds is older than this
    if (m_sessionOnly)
        return;
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setBinaryData(token);
    start(job, server);
}

void TokenStore::remove(const QUrl &server)
{
    // Only a token this run knows can have been refused; the keychain holds no other one.
    if (!m_tokens.remove(keyOf(server)) || m_sessionOnly)
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
    connect(job, &QKeychain::Job::finished, this, [this, server](QKeychain::Job *finished) {
        onJobFinished(finished, server);
    });
    job->start();
}

void TokenStore::onJobFinished(QKeychain::Job *job, const QUrl &server)
{
    const QString key = keyOf(server);
    const QKeychain::Error error = job->error();
    if (error != QKeychain::NoError && error != QKeychain::EntryNotFound)
        switchToSessionOnly(job->errorString());
    auto *readJob = qobject_cast<QKeychain::ReadPasswordJob *>(job);
    if (!readJob)
        return;
    m_reading.remove(key);
    m_read.insert(key);
    // A token stored while the keychain was being asked is newer than the keychain's.
    if (error == QKeychain::NoError && !m_tokens.contains(key) && !readJob->binaryData().isEmpty()) {
        qCInfo(lcSession) << "sign-in token for" << key << "read from the keychain";
        m_tokens.insert(key, readJob->binaryData());
    }
    Q_EMIT tokenRead(server, token(server));
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
