// SPDX-License-Identifier: MIT
#include "redisconnection.h"

#include "layerslogging.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QRandomGenerator>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>
// The adapter is written with the `slots` keyword, which QT_NO_KEYWORDS removes.
#define slots Q_SLOTS
#include <hiredis/adapters/qt.h>
#undef slots

#include <vector>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {
/// A connect(2) plus handshake that takes longer than this is abandoned and retried.
constexpr int s_connectTimeoutMs = 5000;
} // namespace

RedisConnection::RedisConnection(RedisUrl url, QString name, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_name(std::move(name))
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RedisConnection::resolve);
    m_connectTimeout.setSingleShot(true);
    m_connectTimeout.setInterval(s_connectTimeoutMs);
    connect(&m_connectTimeout, &QTimer::timeout, this, [this] { fail(u"connection timed out"_s); });
}

RedisConnection::~RedisConnection()
{
    disconnectFromServer();
}

void RedisConnection::setReconnectDelays(int firstMs, int maxMs)
{
    m_firstDelayMs = std::max(1, firstMs);
    m_maxDelayMs = std::max(m_firstDelayMs, maxMs);
}

void RedisConnection::connectToServer()
{
    m_wanted = true;
    if (m_state == State::Disconnected && !m_reconnectTimer.isActive())
        resolve();
}

void RedisConnection::disconnectFromServer()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    m_connectTimeout.stop();
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    if (redisAsyncContext *context = m_context) {
        detach();
        // Runs the pending reply handlers with nullptr (deferred when inside a hiredis callback).
        redisAsyncFree(context);
    }
    m_state = State::Disconnected;
}

void RedisConnection::drop(const QString &reason)
{
    if (m_state != State::Disconnected)
        fail(reason);
}

void RedisConnection::resolve()
{
    if (!m_wanted || m_state != State::Disconnected)
        return;
    // redisAsyncConnect() resolves names with a blocking getaddrinfo(); give it an address.
    if (QHostAddress address; address.setAddress(m_url.host)) {
        open(address.toString());
        return;
    }
    m_state = State::Resolving;
    m_lookupId = QHostInfo::lookupHost(m_url.host, this, [this](const QHostInfo &info) {
        m_lookupId = -1;
        if (m_state != State::Resolving)
            return;
        m_state = State::Disconnected;
        const QList<QHostAddress> addresses = info.addresses();
        if (info.error() != QHostInfo::NoError || addresses.isEmpty()) {
            fail(u"cannot resolve %1: %2"_s.arg(m_url.host, info.errorString()));
            return;
        }
        // Prefer IPv4, which is what Redis binds by default.
        QHostAddress chosen = addresses.first();
        for (const QHostAddress &address : addresses) {
            if (address.protocol() == QAbstractSocket::IPv4Protocol) {
                chosen = address;
                break;
            }
        }
        open(chosen.toString());
    });
}

void RedisConnection::open(const QString &address)
{
    m_state = State::Connecting;
    redisAsyncContext *context = redisAsyncConnect(address.toUtf8().constData(), m_url.port);
    if (!context) {
        fail(u"out of memory"_s);
        return;
    }
    if (context->err) {
        const QString reason = QString::fromLocal8Bit(context->errstr);
        redisAsyncFree(context);
        fail(reason);
        return;
    }
    m_context = context;
    m_context->data = this;
    m_adapter = new RedisQtAdapter();
    m_adapter->setContext(m_context);
    redisAsyncSetConnectCallback(m_context, &RedisConnection::onConnect);
    redisAsyncSetDisconnectCallback(m_context, &RedisConnection::onDisconnect);
    m_connectTimeout.start();

    // The handshake is queued now and written once connect(2) completes.
    QByteArrayList handshake{"PING"};
    if (!m_url.password.isEmpty()) {
        handshake = QByteArrayList{"AUTH"};
        if (!m_url.user.isEmpty())
            handshake.append(m_url.user.toUtf8());
        handshake.append(m_url.password.toUtf8());
    }
    redisAsyncContext *expected = m_context;
    auto *handler = new ReplyHandler([this, expected](const redisReply *reply) {
        if (m_context == expected && reply)
            onHandshake(reply);
    });
    if (!sendArgv(handshake, &RedisConnection::onReply, handler)) {
        delete handler;
        fail(u"cannot queue the handshake"_s);
    }
}

void RedisConnection::onHandshake(const redisReply *reply)
{
    if (reply->type == REDIS_REPLY_ERROR) {
        const QString reason = QString::fromUtf8(reply->str, qsizetype(reply->len));
        fail(m_url.password.isEmpty() ? reason : u"AUTH failed: %1"_s.arg(reason));
        return;
    }
    m_connectTimeout.stop();
    m_state = State::Ready;
    m_attempt = 0;
    m_errorString.clear();
    qCDebug(lcLayer).noquote() << "redis" << m_name << "connected to" << m_url.displayString();
    Q_EMIT ready();
}

void RedisConnection::fail(const QString &reason)
{
    if (redisAsyncContext *context = m_context) {
        detach();
        redisAsyncFree(context);
    }
    m_connectTimeout.stop();
    m_state = State::Disconnected;
    m_errorString = reason;
    qCDebug(lcLayer).noquote() << "redis" << m_name << "lost:" << reason;
    Q_EMIT connectionLost(reason);
    scheduleReconnect();
}

void RedisConnection::scheduleReconnect()
{
    if (!m_wanted || m_reconnectTimer.isActive())
        return;
    const qint64 ceiling = std::min<qint64>(m_maxDelayMs, qint64(m_firstDelayMs) << std::min(m_attempt, 20));
    ++m_attempt;
    // Jitter in [ceiling/2, ceiling]: daemons that lost Redis together do not return in lockstep.
    const int delay = int(ceiling / 2 + QRandomGenerator::global()->bounded(ceiling / 2 + 1));
    m_reconnectTimer.start(delay);
}

void RedisConnection::detach()
{
    redisAsyncContext *context = m_context;
    if (!context)
        return;
    if (context->ev.cleanup)
        context->ev.cleanup(context->ev.data); // deletes the adapter's socket notifiers
    context->ev.addRead = nullptr;
    context->ev.delRead = nullptr;
    context->ev.addWrite = nullptr;
    context->ev.delWrite = nullptr;
    context->ev.cleanup = nullptr;
    // Possibly inside the adapter's own read()/write() slot: it touches no member after the call.
    delete m_adapter;
    m_adapter = nullptr;
    context->data = nullptr; // from now on hiredis' callbacks for this context are ignored
    m_context = nullptr;
}

bool RedisConnection::sendArgv(const QByteArrayList &arguments, void (*callback)(redisAsyncContext *, void *, void *),
                               void *privdata)
{
    if (!m_context)
        return false;
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(arguments.size()));
    lengths.reserve(size_t(arguments.size()));
    for (const QByteArray &argument : arguments) {
        argv.push_back(argument.constData());
        lengths.push_back(size_t(argument.size()));
    }
    return redisAsyncCommandArgv(m_context, callback, privdata, int(argv.size()), argv.data(), lengths.data())
           == REDIS_OK;
}

bool RedisConnection::command(const QByteArrayList &arguments, ReplyHandler handler)
{
    if (m_state != State::Ready)
        return false;
    auto *data = new ReplyHandler(std::move(handler));
    if (!sendArgv(arguments, &RedisConnection::onReply, data)) {
        delete data;
        return false;
    }
    return true;
}

bool RedisConnection::subscribe(const QByteArray &channel)
{
    return m_state == State::Ready && sendArgv({"SUBSCRIBE", channel}, &RedisConnection::onPush, nullptr);
}

bool RedisConnection::unsubscribe(const QByteArray &channel)
{
    return m_state == State::Ready && sendArgv({"UNSUBSCRIBE", channel}, &RedisConnection::onPush, nullptr);
}

void RedisConnection::onConnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisConnection *>(context->data);
    if (!self)
        return;
    if (status != REDIS_OK) {
        const QString reason = QString::fromLocal8Bit(context->errstr);
        // hiredis frees the context after this callback returns.
        self->detach();
        self->fail(reason);
        return;
    }
    redisEnableKeepAlive(&self->m_context->c); // probes every 15 s (REDIS_KEEPALIVE_INTERVAL)
}

void RedisConnection::onDisconnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisConnection *>(context->data);
    if (!self)
        return;
    const QString reason = status == REDIS_OK || context->err == 0 ? u"connection closed by the server"_s
                                                                   : QString::fromLocal8Bit(context->errstr);
    self->detach();
    self->fail(reason);
}

void RedisConnection::onReply(redisAsyncContext *context, void *reply, void *privdata)
{
    // Called exactly once per command, with nullptr when the context is freed first.
    if (auto *self = static_cast<RedisConnection *>(context->data); self && reply)
        ++self->m_heard;
    auto *handler = static_cast<ReplyHandler *>(privdata);
    if (handler && *handler)
        (*handler)(static_cast<const redisReply *>(reply));
    delete handler;
}

void RedisConnection::onPush(redisAsyncContext *context, void *reply, void *)
{
    auto *self = static_cast<RedisConnection *>(context->data);
    if (self && reply)
        ++self->m_heard;
    if (self && reply && self->m_pushHandler)
        self->m_pushHandler(static_cast<const redisReply *>(reply));
}

} // namespace Kaiwa::Server
