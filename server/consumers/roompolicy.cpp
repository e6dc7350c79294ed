// SPDX-License-Identifier: MIT
#include "roompolicy.h"

#include "common/roomname.h"
#include "consumerslogging.h"
#include "transport/subnets.h"

#include <QSet>

#include <algorithm>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

RoomPolicy::RoomPolicy(std::unique_ptr<RoomPolicyStore> store, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
{
    connect(&m_pollTimer, &QTimer::timeout, this, &RoomPolicy::poll);
}

RoomPolicy::~RoomPolicy() = default;

void RoomPolicy::start(std::chrono::milliseconds interval, std::function<bool(const QString &room)> inUse)
{
    m_inUse = std::move(inUse);
    if (!m_store)
        return;
    m_changeSeq = m_store->changeSeq();
    m_pollTimer.start(interval);
}

RoomRole RoomPolicy::roomRole(RoomPolicyStore::Role role)
{
    switch (role) {
    case RoomPolicyStore::Role::None:
        return RoomRole::None;
    case RoomPolicyStore::Role::Member:
        return RoomRole::Member;
    case RoomPolicyStore::Role::Moderator:
        return RoomRole::Moderator;
    case RoomPolicyStore::Role::Owner:
        return RoomRole::Owner;
    }
    return RoomRole::None;
}

RoomPolicyStore::Role RoomPolicy::storeRole(RoomRole role)
{
    switch (role) {
    case RoomRole::None:
        return RoomPolicyStore::Role::None;
    case RoomRole::Member:
        return RoomPolicyStore::Role::Member;
    case RoomRole::Moderator:
        return RoomPolicyStore::Role::Moderator;
    case RoomRole::Owner:
        return RoomPolicyStore::Role::Owner;
    }
    return RoomPolicyStore::Role::None;
}

QString RoomPolicy::addressSubject(const QHostAddress &address)
{
    return Subnets::clientPrefix(address);
}

std::optional<RoomPolicy::Cached> RoomPolicy::load(const QString &room)
{
    Cached state;
    const auto settings = m_store->settings(room);
    const auto roles = settings ? m_store->roles(room) : std::nullopt;
    // Expired restrictions are filtered when asked; reading from the distant past would return none.
    const auto restrictions = roles ? m_store->restrictions(room, QDateTime::currentDateTimeUtc()) : std::nullopt;
    if (!restrictions) {
        qCWarning(lcConsumer) << "could not read the settings of" << room << ":" << m_store->errorString();
        return std::nullopt;
    }
    return Cached{*settings, *roles, *restrictions};
}

const RoomPolicy::Cached *RoomPolicy::cached(const QString &room)
{
    if (const auto it = m_rooms.constFind(room); it != m_rooms.constEnd())
        return &*it;
    auto state = load(room);
    if (!state)
        return nullptr;
    trim();
    return &*m_rooms.insert(room, std::move(*state));
}

void RoomPolicy::trim()
{
    if (m_rooms.size() < m_trimAt)
        return;
    for (auto it = m_rooms.begin(); it != m_rooms.end();)
        it = m_inUse && m_inUse(it.key()) ? std::next(it) : m_rooms.erase(it);
    // The rooms in use stay, and may be more than the bound (10,000 rooms on a daemon at 100,000 connections):
    // the next trim waits until the cache doubled, or every new room would walk all of them again (run-scale-bench
    // spent minutes of each daemon's connect phase here).
    m_trimAt = std::max(MaxCachedRooms, 2 * m_rooms.size());
}

RoomPolicy::Settings RoomPolicy::settings(const QString &room)
{
    if (!m_store)
        return {};
    const Cached *state = cached(room);
    return state ? state->settings : Settings{};
}

RoomRole RoomPolicy::role(const QString &room, const QString &account)
{
    if (!m_store || account.isEmpty())
        return RoomRole::None;
    const Cached *state = cached(room);
    return state ? roleIn(*state, account) : RoomRole::None;
}

RoomPolicy::Membership RoomPolicy::membership(const QString &room, const QString &account)
{
    const Cached *state = m_store ? cached(room) : nullptr;
    return state ? Membership{state->settings, roleIn(*state, account)} : Membership{};
}

RoomRole RoomPolicy::roleIn(const Cached &state, const QString &account)
{
    if (account.isEmpty())
        return RoomRole::None;
    const auto it = std::find_if(state.roles.begin(), state.roles.end(),
                                 [&](const RoomPolicyStore::RoleEntry &entry) { return entry.account == account; });
    return it == state.roles.end() ? RoomRole::None : roomRole(it->role);
}

QList<RoomPolicyStore::RoleEntry> RoomPolicy::roles(const QString &room)
{
    const Cached *state = m_store ? cached(room) : nullptr;
    return state ? state->roles : QList<RoomPolicyStore::RoleEntry>();
}

QList<RoomPolicy::Restriction> RoomPolicy::restrictions(const QString &room)
{
    const Cached *state = m_store ? cached(room) : nullptr;
    if (!state)
        return {};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<Restriction> inForce;
    std::copy_if(state->restrictions.begin(), state->restrictions.end(), std::back_inserter(inForce),
                 [&](const Restriction &restriction) { return inForceAt(restriction, now); });
    return inForce;
}

bool RoomPolicy::inForceAt(const Restriction &restriction, const QDateTime &now)
{
    return !restriction.until.isValid() || restriction.until > now;
}

bool RoomPolicy::maySee(const QString &room, const QString &account)
{
    if (!m_store)
        return !RoomName::isDirect(room);
    const Cached *state = cached(room);
    return state && visibleTo(*state, room, account); // unknown: a private room's name must not leak
}

bool RoomPolicy::visibleTo(const Cached &state, const QString &room, const QString &account)
{
    // A direct-message room is private even before it is made: its name opens nothing to an outsider.
    return !(RoomName::isDirect(room) || state.settings.isPrivate) || roleIn(state, account) != RoomRole::None;
}

std::optional<RoomPolicy::Restriction> RoomPolicy::restrictionOf(const QString &room, Restriction::Kind kind,
                                                                 const QString &account, const QHostAddress &address)
{
    const Cached *state = m_store ? cached(room) : nullptr;
    return state ? restrictionIn(*state, kind, account, address) : std::nullopt;
}

std::optional<RoomPolicy::Restriction> RoomPolicy::restrictionIn(const Cached &state, Restriction::Kind kind,
                                                                 const QString &account, const QHostAddress &address)
{
    if (state.restrictions.isEmpty())
        return std::nullopt; // most rooms: no subject to spell, no clock to read
    // An address restriction covers anonymous connections: a signed-in one is its account, wherever it connects from.
    const Restriction::Subject subjectKind =
        account.isEmpty() ? Restriction::Subject::Address : Restriction::Subject::Account;
    const QString subject = account.isEmpty() ? addressSubject(address) : account;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Restriction &restriction : state.restrictions) {
        if (restriction.kind == kind && restriction.subjectKind == subjectKind && restriction.subject == subject
            && inForceAt(restriction, now))
            return restriction;
    }
    return std::nullopt;
}

std::optional<RoomPolicy::Restriction> RoomPolicy::banOf(const QString &room, const QString &account,
                                                         const QHostAddress &address)
{
    return restrictionOf(room, Restriction::Kind::Ban, account, address);
}

std::optional<RoomPolicy::Restriction> RoomPolicy::muteOf(const QString &room, const QString &account,
                                                          const QHostAddress &address)
{
    return restrictionOf(room, Restriction::Kind::Mute, account, address);
}

RoomPolicy::Entry RoomPolicy::mayEnter(const QString &room, const QString &account, const QHostAddress &address)
{
    if (!m_store) // every room is public, and there are no direct messages
        return {RoomName::isDirect(room) ? Entry::Verdict::NotFound : Entry::Verdict::Allowed, std::nullopt};
    // One lookup for the whole door: every connection of a burst passes it.
    const Cached *state = cached(room);
    if (!state)
        return {Entry::Verdict::Unavailable, std::nullopt};
    if (!visibleTo(*state, room, account))
        return {Entry::Verdict::NotFound, std::nullopt};
    if (auto ban = restrictionIn(*state, Restriction::Kind::Ban, account, address))
        return {Entry::Verdict::Banned, std::move(ban)};
    return {};
}

void RoomPolicy::refresh(const QString &room)
{
    if (!m_store)
        return;
    if (auto state = load(room))
        m_rooms.insert(room, std::move(*state));
    else
        m_rooms.remove(room); // read again when next asked
}

void RoomPolicy::poll()
{
    const auto changeSeq = m_store->changeSeq();
    if (!changeSeq) {
        qCWarning(lcConsumer) << "could not read the room settings' change counter:" << m_store->errorString();
        return;
    }
    if (changeSeq == m_changeSeq)
        return;
    m_changeSeq = changeSeq;
    // What changed is not said: every room cached and in use is read again. Rooms nobody here is in leave the
    // cache (nobody here is to be told), and are read afresh when next asked.
    for (const QString &room : m_rooms.keys()) {
        if (!m_inUse || !m_inUse(room)) {
            m_rooms.remove(room);
            continue;
        }
        auto state = load(room);
        if (!state) {
            m_changeSeq.reset(); // read everything again next time
            continue;
        }
        const Cached before = std::exchange(m_rooms[room], *state);
        announce(room, before, *state);
    }
}

void RoomPolicy::announce(const QString &room, const Cached &before, const Cached &after)
{
    if (before.settings.topic != after.settings.topic || before.settings.isPrivate != after.settings.isPrivate)
        Q_EMIT settingsChanged(room, after.settings);
    QHash<QString, RoomPolicyStore::Role> previous;
    for (const RoomPolicyStore::RoleEntry &entry : before.roles)
        previous.insert(entry.account, entry.role);
    for (const RoomPolicyStore::RoleEntry &entry : after.roles) {
        if (previous.take(entry.account) != entry.role)
            Q_EMIT roleChanged(room, entry.account, roomRole(entry.role));
    }
    for (auto it = previous.cbegin(); it != previous.cend(); ++it)
        Q_EMIT roleChanged(room, it.key(), RoomRole::None);
    if (before.restrictions != after.restrictions)
        Q_EMIT restrictionsChanged(room);
}

} // namespace Kaiwa::Server
