// SPDX-License-Identifier: MIT
#include "sessionmonitor.h"

#include "authlogging.h"
#include "common/protocol.h"
#include "consumers/chatconsumer.h"
#include "consumers/connectionregistry.h"
#include "storage/accountstore.h"

#include <QDateTime>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {
/// Sessions per query: one statement stays small however many connections the daemon holds.
constexpr qsizetype s_batchSize = 1000;
} // namespace

SessionMonitor::SessionMonitor(AccountStore *accounts, ConnectionRegistry *connections, QObject *parent)
    : QObject(parent)
    , m_accounts(accounts)
    , m_connections(connections)
{
    connect(&m_timer, &QTimer::timeout, this, &SessionMonitor::check);
}

void SessionMonitor::start(std::chrono::milliseconds interval)
{
    m_timer.start(interval);
}

void SessionMonitor::endSession(const QByteArray &sessionHash)
{
    end(m_connections->ofSession(sessionHash), Protocol::CloseCode::sessionEnded, "session ended");
}

void SessionMonitor::endAnonymous()
{
    end(m_connections->anonymous(), Protocol::CloseCode::signInRequired, "sign-in required");
}

void SessionMonitor::check()
{
    const QList<QByteArray> sessions = m_connections->sessions();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<ChatConsumer *> ended;
    for (qsizetype start = 0; start < sessions.size(); start += s_batchSize) {
        const QList<QByteArray> batch = sessions.mid(start, s_batchSize);
        const auto live = m_accounts->liveSessions(batch, now);
        if (!live) {
            if (!std::exchange(m_failing, true))
                qCWarning(lcAuth).noquote()
                    << "cannot check the sessions of open connections; keeping them:" << m_accounts->errorString();
            return;
        }
        for (const QByteArray &session : batch) {
            if (!live->contains(session))
                ended += m_connections->ofSession(session);
        }
    }
    if (std::exchange(m_failing, false))
        qCInfo(lcAuth) << "checking the sessions of open connections again";
    end(ended, Protocol::CloseCode::sessionEnded, "session ended");
}

void SessionMonitor::end(const QList<ChatConsumer *> &connections, quint16 code, QByteArrayView reason)
{
    if (connections.isEmpty())
        return;
    QStringList accounts;
    for (ChatConsumer *connection : connections) {
        if (!connection->account().isEmpty() && !accounts.contains(connection->account()))
            accounts.append(connection->account());
        connection->end(code, reason);
    }
    qCInfo(lcAuth).noquote() << "closed" << connections.size() << "connection(s) with" << code << reason.toByteArray()
                             << (accounts.isEmpty() ? QString() : u"of "_s + accounts.join(u", "_s));
}

} // namespace Kaiwa::Server
