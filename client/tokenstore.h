// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QUrl>

namespace QKeychain {
class Job;
}

namespace Kaiwa::Client {

/**
 * The sign-in tokens of this client, one per server (http(s) base address): kept in memory for the
 * run and in the system keychain (QtKeychain: Secret Service, KWallet, macOS Keychain, Windows
 * Credential Store) between runs, so a restart does not ask for the password again.
 *
 * Where no keychain service runs (no D-Bus session, no Secret Service: CI, containers, bare window
 * managers), the first failing keychain call switches the store to this run only: tokens still work
 * until the client quits, sessionOnly() says so once, and nothing is ever written elsewhere (no
 * plain-text fallback). Keychain calls are asynchronous; read() answers through tokenRead().
 */
class TokenStore : public QObject
{
    Q_OBJECT

public:
    /// `service` names the keychain entries; the key of each is the server address.
    explicit TokenStore(const QString &service = QStringLiteral("kaiwa"), QObject *parent = nullptr);
    ~TokenStore() override;

    /// The token known in this run for `server` (stored, or read from the keychain); empty if none.
    QByteArray token(const QUrl &server) const;
    /// True once the keychain answered for `server` in this run (or cannot be used).
    bool isRead(const QUrl &server) const;
    /// Asks the keychain for the token of `server`; tokenRead() follows, also when there is none.
    void read(const QUrl &server);
    /// Keeps the token for this run and, where a keychain runs, for the next ones.
    void store(const QUrl &server, const QByteArray &token);
    /// Forgets the token of `server`, in the keychain too (the server refused it).
    void remove(const QUrl &server);
    /// True once the keychain failed: from then on tokens live only until the client quits.
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
    QHash<QString, QByteArray> m_tokens; ///< By server address (QUrl::toString()).
    QSet<QString> m_read;
    QSet<QString> m_reading;
    bool m_sessionOnly = false;
};

} // namespace Kaiwa::Client
