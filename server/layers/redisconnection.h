// SPDX-License-Identifier: MIT
#pragma once

#include "redisurl.h"

#include <QByteArrayList>
#include <QObject>
#include <QTimer>

#include <functional>

struct redisAsyncContext;
struct redisReply;
class RedisQtAdapter;

namespace Kaiwa::Server {

/**
 * One hiredis asynchronous connection driven by the Qt event loop through hiredis' own
 * RedisQtAdapter (hiredis/adapters/qt.h). Nothing here blocks: host names are resolved with
 * QHostInfo, connect(2) is non-blocking, replies arrive through callbacks.
 *
 * The connection reconnects by itself with exponential backoff and jitter (100 ms doubling
 * to 5 s) until disconnectFromServer(). It is ready() once the handshake (AUTH when the URL
 * has a password, else PING) succeeded; every reconnection emits ready() again.
 *
 * Lifetime: hiredis frees a context itself when the link drops, and the adapter must not outlive
 * it (its destructor writes into the context) nor die before it (hiredis calls its cleanup hook).
 * detach() runs the cleanup hook, clears the hooks and deletes the adapter while the context is
 * still valid, which makes every order of teardown safe.
 */
class RedisConnection : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Disconnected,
        Resolving,
        Connecting,
        Ready
    };

    /// Called once per command with its reply, or with nullptr when the connection was lost first.
    using ReplyHandler = std::function<void(const redisReply *reply)>;
    /// Called for every pub/sub push (subscribe/unsubscribe confirmations and messages).
    using PushHandler = std::function<void(const redisReply *reply)>;

    /// @param name for logs, e.g. "publisher".
    RedisConnection(RedisUrl url, QString name, QObject *parent = nullptr);
    ~RedisConnection() override;

    /// Starts connecting (and keeps reconnecting). Returns at once.
    void connectToServer();
    /// Drops the connection and stops reconnecting; pending replies get nullptr.
    void disconnectFromServer();
    /// Drops the connection as lost (connectionLost(reason), pending replies get nullptr) and reconnects
    /// with backoff: for a server that stopped answering, which TCP alone does not notice.
    void drop(const QString &reason);

    State state() const { return m_state; }
    bool isReady() const { return m_state == State::Ready; }
    QString errorString() const { return m_errorString; }

    /// Queues a command (binary-safe arguments). False when not connected (the handler is not called).
    bool command(const QByteArrayList &arguments, ReplyHandler handler = {});
    /// SUBSCRIBE / UNSUBSCRIBE; their confirmations and messages go to the push handler.
    bool subscribe(const QByteArray &channel);
    bool unsubscribe(const QByteArray &channel);
    void setPushHandler(PushHandler handler) { m_pushHandler = std::move(handler); }
    /// Replies and pushes received since this was made (every connection counts): whether the server is heard from.
    quint64 heard() const { return m_heard; }

    /// The first delay of the reconnection backoff, doubled per failure up to maxReconnectDelayMs.
    void setReconnectDelays(int firstMs, int maxMs);

Q_SIGNALS:
    void ready();
    /// The link was lost or could not be made; a reconnection is scheduled.
    void connectionLost(const QString &reason);

private:
    void resolve();
    void open(const QString &address);
    void onHandshake(const redisReply *reply);
    void fail(const QString &reason);
    void scheduleReconnect();
    void detach();
    bool sendArgv(const QByteArrayList &arguments, void (*callback)(redisAsyncContext *, void *, void *),
                  void *privdata);

    static void onConnect(const redisAsyncContext *context, int status);
    static void onDisconnect(const redisAsyncContext *context, int status);
    static void onReply(redisAsyncContext *context, void *reply, void *privdata);
    static void onPush(redisAsyncContext *context, void *reply, void *privdata);

    RedisUrl m_url;
    QString m_name;
    redisAsyncContext *m_context = nullptr;
    RedisQtAdapter *m_adapter = nullptr;
    State m_state = State::Disconnected;
    bool m_wanted = false;
    int m_lookupId = -1;
    int m_attempt = 0;
    int m_firstDelayMs = 100;
    int m_maxDelayMs = 5000;
    QTimer m_reconnectTimer;
    QTimer m_connectTimeout;
    QString m_errorString;
    PushHandler m_pushHandler;
    quint64 m_heard = 0;
};

} // namespace Kaiwa::Server
