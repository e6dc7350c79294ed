// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QUrl>

namespace QKeychain {
class Job;
}

namespace Kaiwa::Client {

/**
 * The system keychain for sign-in tokens, one entry per server (http(s) base address), through
 * QtKeychain (Secret Service, KWallet, macOS Keychain, Windows Credential Store): it keeps a Session's
 * token between runs, so a restart does not ask for the password again. The token of the current run
 * is the Session's; this store only writes it down, reads it back and forgets it.
 *
 * Where no keychain service runs (no D-Bus session, no Secret Service: CI, containers, bare window
 * managers), the first failing keychain call switches the store off: sessionOnly() says so once, reads
 * answer "none" from then on, and nothing is ever written elsewhere (no plain-text fallback). Keychain
 * calls are asynchronous; read() answers through tokenRead().
 */
class TokenStore : public QObject
{
    Q_OBJECT

public:
    /// `service` names the keychain entries; the key of each is the server address.
    explicit TokenStore(const QString &service = QStringLiteral("kaiwa"), QObject *parent = nullptr);
    ~TokenStore() override;

    /// Asks the keychain for the token of `server`; tokenRead() follows, also when there is none.
    void read(const QUrl &server);
    /// Keeps the token for the next runs, where a keychain runs.
    void store(const QUrl &server, const QByteArray &token);
    /// Forgets the token of `server` (the server refused it).
    void remove(const QUrl &server);
    /// True once the keychain failed: from then on tokens live only in their Session, until the client quits.
    bool isSessionOnly() const { return m_sessionOnly; }

Q_SIGNALS:
    /// The answer to read(): the token, or empty when the keychain has none (or cannot be asked).
    void tokenRead(const QUrl &server, const QByteArray &token);
    /// The keychain cannot be used: tokens are kept for this run only. Sent once per store.
    void sessionOnly();

private:
    void start(QKeychain::Job *job, const QUrl &server);
    /// Any failure but a missing entry means the keychain cannot be used.
    void onJobFinished(QKeychain::Job *job, const QUrl &server);
    void switchToSessionOnly(const QString &reason);

    QString m_service;
    bool m_sessionOnly = false;
};

} // namespace Kaiwa::Client
