// SPDX-License-Identifier: MIT
#include "redisstoreregistration.h"

#include "layerslogging.h"
#include "redisconnection.h"

#include <QCryptographicHash>
#include <QHostInfo>

#include <hiredis/hiredis.h>

#include <memory>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

RedisStoreRegistration::RedisStoreRegistration(RedisConnection *connection, QByteArray key, const QString &identity,
                                               const QString &description, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_key(std::move(key))
    , m_scope(scopeOf(identity))
    , m_value(m_scope + ' '
              + u"%1, registered by a daemon on %2"_s.arg(description, QHostInfo::localHostName()).toUtf8())
{
    m_renewal.setInterval(m_ttl / 3);
    connect(&m_renewal, &QTimer::timeout, this, &RedisStoreRegistration::check);
}

QByteArray RedisStoreRegistration::scopeOf(const QString &identity)
{
    return QCryptographicHash::hash(identity.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
}

void RedisStoreRegistration::setTtl(std::chrono::milliseconds ttl)
{
    m_ttl = std::max(ttl, std::chrono::milliseconds(300));
    m_renewal.setInterval(m_ttl / 3);
}

void RedisStoreRegistration::onConnectionReady()
{
    m_renewal.start();
    check();
}

void RedisStoreRegistration::onConnectionLost()
{
    m_renewal.stop();
    if (m_state == State::Unchecked)
        setState(State::Unreachable);
}

void RedisStoreRegistration::check()
{
    const auto created = std::make_shared<bool>(false);
    const auto failed = [this](const redisReply *reply) {
        qCWarning(lcLayer).noquote() << "cannot register the database with redis:"
                                     << QByteArray(reply->str, qsizetype(reply->len));
        if (m_state == State::Unchecked)
            setState(State::Unreachable); // do not hold the start back; checked again at the next renewal
    };
    // Pipelined: the GET sees what the SET left, whoever set it.
    const QByteArray ttl = QByteArray::number(qint64(m_ttl.count()));
    m_connection->command({"SET", m_key, m_value, "NX", "PX", ttl}, [created](const redisReply *reply) {
        *created = reply && reply->type == REDIS_REPLY_STATUS;
    });
    m_connection->command({"GET", m_key}, [this, created, failed](const redisReply *reply) {
        if (!reply)
            return; // the connection was lost: checked again when it is back
        if (reply->type == REDIS_REPLY_ERROR)
            failed(reply);
        else if (reply->type == REDIS_REPLY_STRING)
            onChecked(*created, QByteArray(reply->str, qsizetype(reply->len)));
        // nil: the key expired between the two commands; the next renewal sets it
    });
}

void RedisStoreRegistration::onChecked(bool created, const QByteArray &value)
{
    if (value.startsWith(m_scope + ' ')) {
        if (!created)
            m_connection->command({"PEXPIRE", m_key, QByteArray::number(qint64(m_ttl.count()))});
        else if (m_state == State::Registered)
            qCWarning(lcLayer) << "the registration of this daemon's database was gone from redis (flushed, or "
                                  "restarted without persistence): registered it again";
        setState(State::Registered);
        return;
    }
    const qsizetype space = value.indexOf(' ');
    m_registered = QString::fromUtf8(space < 0 ? value : value.mid(space + 1));
    setState(State::Conflict);
}

void RedisStoreRegistration::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Kaiwa::Server
