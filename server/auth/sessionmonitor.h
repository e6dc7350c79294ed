// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace Kaiwa::Server {

class AccountStore;
class ChatConsumer;
class ConnectionRegistry;

/**
 * Ends open chat connections that signing in no longer allows, so that revoking a session reaches
 * sockets opened before it:
 *
 * - a session ended on this daemon (POST /logout): its connections close at once;
 * - a session ended elsewhere (`kaiwa-server user passwd|remove`, another daemon on the database,
 *   expiry): every `interval` the daemon asks the database, in one query, which sessions of its open
 *   signed-in connections still stand, and closes the others;
 *
 * both with Protocol::CloseCode::sessionEnded (4001). When `--require-login` is turned on by a
 * reload, the anonymous connections close with Protocol::CloseCode::signInRequired (4003).
 *
 * A database error ends nothing (it is logged once, until the check works again): an outage must
 * not sign everyone out. Nothing is owned; the store and the registry must outlive the monitor.
 */
class SessionMonitor : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds defaultInterval{2000};

    SessionMonitor(AccountStore *accounts, ConnectionRegistry *connections, QObject *parent = nullptr);

    /// Starts the periodic check.
    void start(std::chrono::milliseconds interval = defaultInterval);
    void stop() { m_timer.stop(); }

    /// Closes this daemon's connections of a session that just ended here.
    void endSession(const QByteArray &sessionHash);
    /// Closes every anonymous connection (sign-in became required).
    void endAnonymous();
    /// Closes the connections whose session no longer stands (what the timer runs).
    void check();

private:
    void end(const QList<ChatConsumer *> &connections, quint16 code, QByteArrayView reason);

    AccountStore *m_accounts;
    ConnectionRegistry *m_connections;
    QTimer m_timer;
    bool m_failing = false; ///< The last check failed; logged once until one succeeds.
};

} // namespace Kaiwa::Server
