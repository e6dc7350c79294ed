// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>

namespace Kaiwa::Server {

class RedisConnection;

/**
 * Makes sure every daemon on one Redis (and DB number) takes its ids from one database.
 *
 * Ids come from the store; two daemons on different databases would both give out "id 1" and each
 * room's sequencer would drop one of them as a duplicate. So every daemon registers the store it
 * uses under `kaiwa:<db>:store`: the value is "<scope> <description>", where the scope is a hash
 * of MessageStore::identity() (see scopeOf()) and the description says where the database is, for
 * the error message of a daemon that differs.
 *
 * - Each check is `SET key value NX PX <ttl>` then `GET key`: the first daemon registers, the
 *   others compare. A daemon whose scope matches renews the key (`PEXPIRE`) every third of the
 *   TTL, so the registration stands while any daemon of the deployment runs and lapses one TTL
 *   after the last one stopped (or at once with `DEL`): that is how a deployment moves to another
 *   database.
 * - The first check runs when the connection is ready; a daemon that starts while Redis is
 *   unreachable is Unreachable until then.
 * - Redis flushed (or restarted without persistence): the next renewal of any daemon registers
 *   its store again and logs it.
 * - A mismatch is Conflict, checked again at every renewal: the daemon that comes second loses.
 *   Whatever the order, daemons on different databases never exchange a message, because every
 *   channel and key of RedisChannelLayer carries the scope.
 */
class RedisStoreRegistration : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Unchecked,   ///< No answer from Redis yet.
        Unreachable, ///< Redis could not be reached before the first check; checked once it is.
        Registered,  ///< Redis holds this daemon's store.
        Conflict,    ///< Redis holds another store: registeredDescription() says which.
    };

    /// @param connection not owned; commands go out while it is ready. @param key e.g. "kaiwa:0:store".
    RedisStoreRegistration(RedisConnection *connection, QByteArray key, const QString &identity,
                           const QString &description, QObject *parent = nullptr);

    /// 16 hex digits of SHA-256 over the store identity: the part of every channel and key name
    /// that keeps daemons on different databases apart.
    static QByteArray scopeOf(const QString &identity);

    QByteArray scope() const { return m_scope; }
    QByteArray key() const { return m_key; }
    State state() const { return m_state; }
    /// What the key held at the latest check that found another store.
    QString registeredDescription() const { return m_registered; }

    /// How long the registration outlives the last daemon that renews it.
    void setTtl(std::chrono::milliseconds ttl);

    /// Checks now and keeps renewing; call on every (re)connection.
    void onConnectionReady();
    /// Stops renewing until the next onConnectionReady().
    void onConnectionLost();

Q_SIGNALS:
    void stateChanged(Kaiwa::Server::RedisStoreRegistration::State state);

private:
    void check();
    void onChecked(bool created, const QByteArray &value);
    void setState(State state);

    RedisConnection *m_connection;
    QByteArray m_key;
    QByteArray m_scope;
    QByteArray m_value;
    QString m_registered;
    State m_state = State::Unchecked;
    std::chrono::milliseconds m_ttl{30000};
    QTimer m_renewal;
};

} // namespace Kaiwa::Server
