// SPDX-License-Identifier: MIT
#include "redispresence.h"

#include "layerslogging.h"
#include "presenceregistry.h"
#include "redisconnection.h"

#include <hiredis/hiredis.h>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

constexpr char s_reportTag[2] = {'P', '1'};

QByteArray bytes(const redisReply *reply)
{
    return reply && reply->type == REDIS_REPLY_STRING ? QByteArray(reply->str, qsizetype(reply->len)) : QByteArray();
}

} // namespace

RedisPresence::RedisPresence(RedisConnection *publisher, QByteArray prefix,
                             std::function<QByteArray(const QString &)> channelOf,
                             std::function<bool(const QString &)> isListening, QObject *parent)
    : Presence(parent)
    , m_publisher(publisher)
    , m_prefix(std::move(prefix))
    , m_channelOf(std::move(channelOf))
    , m_isListening(std::move(isListening))
    , m_registry(new PresenceRegistry(PresenceRegistry::randomNodeId(), false, this))
{
    connect(m_registry, &Presence::memberJoined, this, &Presence::memberJoined);
    connect(m_registry, &Presence::memberLeft, this, &Presence::memberLeft);
    m_heartbeat.setInterval(m_ttl / 3);
    connect(&m_heartbeat, &QTimer::timeout, this, &RedisPresence::heartbeat);
}

RedisPresence::~RedisPresence() = default;

void RedisPresence::setTtl(std::chrono::milliseconds ttl)
{
    m_ttl = std::max(ttl, std::chrono::milliseconds(300));
    m_heartbeat.setInterval(m_ttl / 3);
}

QByteArray RedisPresence::key(const QString &group) const
{
    return m_prefix + "presence:" + group.toUtf8();
}

QByteArray RedisPresence::aliveKey(const QString &node) const
{
    return m_prefix + "alive:" + node.toUtf8();
}

QString RedisPresence::nodeOf(const QString &memberId)
{
    // What section() would say, without its list of parts: a sweep asks it of every entry of every room.
    const qsizetype dot = memberId.indexOf(u'.');
    return dot < 0 ? memberId : memberId.first(dot);
}

bool RedisPresence::isReport(const QByteArray &bytes)
{
    return bytes.size() >= 3 && bytes.at(0) == s_reportTag[0] && bytes.at(1) == s_reportTag[1];
}

QString RedisPresence::newMemberId()
{
    return m_registry->newMemberId();
}

void RedisPresence::join(const QString &group, const GroupMember &member)
{
    m_unwrittenRemovals.remove({group, member.id});
    m_registry->join(group, member);
    if (!m_publisher->isReady())
        return; // the next sweep after reconnecting writes it
    m_publisher->command({"HSET", key(group), member.id.toUtf8(), member.name.toUtf8()});
    m_publisher->command({"PEXPIRE", key(group), QByteArray::number(qint64(m_ttl.count()) * 3)});
    m_publisher->command({"PUBLISH", m_channelOf(group),
                          QByteArray(s_reportTag, 2) + '+' + member.id.toUtf8() + '\n' + member.name.toUtf8()});
}

void RedisPresence::leave(const QString &group, const QString &memberId)
{
    m_registry->leave(group, memberId);
    if (!m_publisher->isReady()) {
        m_unwrittenRemovals.insert({group, memberId});
        return;
    }
    m_publisher->command({"HDEL", key(group), memberId.toUtf8()});
    m_publisher->command({"PUBLISH", m_channelOf(group), QByteArray(s_reportTag, 2) + '-' + memberId.toUtf8() + '\n'});
}

void RedisPresence::members(const QString &group, GroupMembersCallback callback)
{
    if (!m_registry->isReady(group)) {
        // The first sweep runs once the group's subscription is active (reports flow from then on);
        // without Redis the list is what this daemon knows.
        if (!m_reachable)
            m_registry->setReady(group);
        else if (m_isListening(group))
            sweep(group);
    }
    m_registry->members(group, std::move(callback));
}

/// One memberCounts() call: the entries read per group so far, and what is still to come.
struct RedisPresence::CountRequest {
    QStringList groups;
    QList<QStringList> entries; ///< Member ids in the shared registry, per group.
    qsizetype pending = 0;
    bool failed = false;
    GroupCountsCallback callback;
};

void RedisPresence::memberCounts(const QStringList &groups, GroupCountsCallback callback)
{
    if (groups.isEmpty() || !m_publisher->isReady()) {
        m_registry->memberCounts(groups, std::move(callback));
        return;
    }
    // Aggregate initialisation, not make_shared's parenthesised one: clang 14 (the sanitizer build) lacks P0960.
    auto request = std::make_shared<CountRequest>(
        CountRequest{groups, QList<QStringList>(groups.size()), groups.size(), false, std::move(callback)});
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const bool queued =
            m_publisher->command({"HKEYS", key(groups.at(i))}, [this, request, i](const redisReply *reply) {
                if (!reply || reply->type != REDIS_REPLY_ARRAY)
                    request->failed = true;
                else {
                    for (size_t element = 0; element < reply->elements; ++element)
                        request->entries[i].append(QString::fromUtf8(bytes(reply->element[element])));
                }
                if (--request->pending == 0)
                    finishCounts(request);
            });
        if (!queued) {
            // Not connected any more: the handlers of what was queued are called (with nothing) as it goes.
            request->failed = true;
            request->pending -= groups.size() - i;
            if (request->pending == 0)
                finishCounts(request);
            return;
        }
    }
}

void RedisPresence::finishCounts(const std::shared_ptr<CountRequest> &request)
{
    if (request->failed) {
        m_registry->memberCounts(request->groups, std::move(request->callback));
        return;
    }
    // This daemon's members count as it knows them; others' while their daemon is alive.
    QStringList nodes;
    for (const QStringList &ids : std::as_const(request->entries)) {
        for (const QString &id : ids) {
            const QString node = nodeOf(id);
            if (!m_registry->isLocal(id) && !nodes.contains(node))
                nodes.append(node);
        }
    }
    const auto count = [this, request](const QSet<QString> &alive) {
        QHash<QString, qsizetype> counts;
        for (qsizetype i = 0; i < request->groups.size(); ++i) {
            const QString &group = request->groups.at(i);
            qsizetype members = m_registry->localMembers(group).size();
            for (const QString &id : std::as_const(request->entries.at(i))) {
                if (!m_registry->isLocal(id) && alive.contains(nodeOf(id)))
                    ++members;
            }
            counts.insert(group, members);
        }
        request->callback(counts);
    };
    if (nodes.isEmpty()) {
        count({});
        return;
    }
    QByteArrayList mget{"MGET"};
    for (const QString &node : std::as_const(nodes))
        mget.append(aliveKey(node));
    const bool queued = m_publisher->command(mget, [this, request, nodes, count](const redisReply *reply) {
        if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != size_t(nodes.size())) {
            m_registry->memberCounts(request->groups, std::move(request->callback));
            return;
        }
        QSet<QString> alive;
        for (size_t i = 0; i < reply->elements; ++i) {
            if (reply->element[i]->type != REDIS_REPLY_NIL)
                alive.insert(nodes.at(qsizetype(i)));
        }
        count(alive);
    });
    if (!queued)
        m_registry->memberCounts(request->groups, std::move(request->callback));
}

void RedisPresence::onReport(const QString &group, const QByteArray &bytes)
{
    const qsizetype newline = bytes.indexOf('\n', 3);
    if (newline < 0)
        return;
    const QString id = QString::fromUtf8(bytes.mid(3, newline - 3));
    // This daemon's own members are known here first-hand; an echo could only be older news.
    if (id.isEmpty() || m_registry->isLocal(id))
        return;
    if (bytes.at(2) == '+')
        m_registry->join(group, GroupMember{id, QString::fromUtf8(bytes.mid(newline + 1))});
    else if (bytes.at(2) == '-')
        m_registry->leave(group, id);
}

void RedisPresence::heartbeat()
{
    if (!m_publisher->isReady())
        return;
    m_publisher->command({"SET", aliveKey(m_registry->nodeId()), "1", "PX", QByteArray::number(qint64(m_ttl.count()))});
    const QStringList groups = m_registry->groups();
    for (const QString &group : groups)
        sweep(group);
}

void RedisPresence::sweep(const QString &group)
{
    if (!m_publisher->isReady()) {
        m_registry->setReady(group);
        return;
    }
    const quint64 token = m_registry->beginSweep(group);
    const QByteArray hash = key(group);
    const QList<GroupMember> own = m_registry->localMembers(group);
    if (!own.isEmpty()) {
        QByteArrayList write{"HSET", hash};
        for (const GroupMember &member : own)
            write << member.id.toUtf8() << member.name.toUtf8();
        m_publisher->command(write);
        m_publisher->command({"PEXPIRE", hash, QByteArray::number(qint64(m_ttl.count()) * 3)});
    }
    const bool queued = m_publisher->command({"HGETALL", hash}, [this, group, token](const redisReply *reply) {
        if (!reply || reply->type != REDIS_REPLY_ARRAY) {
            m_registry->setReady(group); // what this daemon knows is the best there is for now
            return;
        }
        QList<GroupMember> entries;
        for (size_t i = 0; i + 1 < reply->elements; i += 2)
            entries.append(GroupMember{QString::fromUtf8(bytes(reply->element[i])),
                                       QString::fromUtf8(bytes(reply->element[i + 1]))});
        finish(group, token, entries);
    });
    if (!queued)
        m_registry->setReady(group);
}

void RedisPresence::finish(const QString &group, quint64 token, const QList<GroupMember> &entries)
{
    // Entries of other daemons count only while their daemon is alive; this daemon's are its own business.
    QStringList nodes;
    QList<GroupMember> foreign;
    QByteArrayList strayOwn;
    const QList<GroupMember> own = m_registry->localMembers(group); // sorted anew at each call: once per sweep
    for (const GroupMember &member : entries) {
        if (m_registry->isLocal(member.id)) {
            if (!own.contains(member))
                strayOwn.append(member.id.toUtf8()); // left while Redis was away (or a renamed entry)
            continue;
        }
        foreign.append(member);
        const QString node = nodeOf(member.id);
        if (!nodes.contains(node))
            nodes.append(node);
    }
    if (!strayOwn.isEmpty()) {
        QByteArrayList remove{"HDEL", key(group)};
        m_publisher->command(remove + strayOwn);
    }
    if (nodes.isEmpty()) {
        m_registry->finishSweep(group, token, {});
        return;
    }
    QByteArrayList mget{"MGET"};
    for (const QString &node : std::as_const(nodes))
        mget.append(aliveKey(node));
    const bool queued = m_publisher->command(mget, [this, group, token, nodes, foreign](const redisReply *reply) {
        if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != size_t(nodes.size())) {
            m_registry->setReady(group);
            return;
        }
        QSet<QString> alive;
        for (size_t i = 0; i < reply->elements; ++i) {
            if (reply->element[i]->type != REDIS_REPLY_NIL)
                alive.insert(nodes.at(qsizetype(i)));
        }
        QList<GroupMember> remote;
        QByteArrayList dead{"HDEL", key(group)};
        for (const GroupMember &member : foreign) {
            if (alive.contains(nodeOf(member.id)))
                remote.append(member);
            else
                dead.append(member.id.toUtf8());
        }
        if (dead.size() > 2) {
            qCInfo(lcLayer) << "presence of" << dead.size() - 2 << "members in" << group
                            << "expired (their daemon stopped refreshing it)";
            m_publisher->command(dead);
        }
        m_registry->finishSweep(group, token, remote);
    });
    if (!queued)
        m_registry->setReady(group);
}

void RedisPresence::onPublisherReady()
{
    const auto removals = std::exchange(m_unwrittenRemovals, {});
    for (const auto &[group, id] : removals)
        m_publisher->command({"HDEL", key(group), id.toUtf8()});
    // The alive key first (heartbeat() writes it before sweeping): on this connection it lands before
    // any entry naming this daemon, so no other daemon takes those for a dead daemon's.
    heartbeat();
    m_heartbeat.start();
}

void RedisPresence::setReachable(bool reachable)
{
    m_reachable = reachable;
    if (reachable)
        return;
    const QStringList groups = m_registry->groups();
    for (const QString &group : groups)
        m_registry->setReady(group);
}

void RedisPresence::removeGroup(const QString &group)
{
    m_registry->removeGroup(group);
}

void RedisPresence::clear()
{
    m_registry->clear();
}

} // namespace Kaiwa::Server
