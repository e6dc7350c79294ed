// SPDX-License-Identifier: MIT
#include "roommoderation.h"

#include "chatconsumer.h"
#include "chatgroup.h"
#include "common/protocol.h"
#include "connectionregistry.h"
#include "consumerslogging.h"
#include "layers/channellayer.h"
#include "layers/presence.h"
#include "storage/accountstore.h"
#include "transport/subnets.h"

#include <QHostAddress>
#include <QPointer>

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {

using Action = ModerationRequest::Action;
using Kind = RoomPolicyStore::Restriction::Kind;
using Subject = RoomPolicyStore::Restriction::Subject;

RoomModeration::Outcome refused(ErrorCode code, const QString &detail)
{
    return {code, detail};
}

Kind kindOf(Action action)
{
    return action == Action::Ban || action == Action::Unban ? Kind::Ban : Kind::Mute;
}

} // namespace

RoomModeration::RoomModeration(ChannelLayer *layer, ConnectionRegistry *connections, RoomPolicy *policy,
                               AccountStore *accounts, QObject *parent)
    : QObject(parent)
    , m_layer(layer)
    , m_connections(connections)
    , m_policy(policy)
    , m_accounts(accounts)
{
}

RoomModeration::Role RoomModeration::role(const QString &room, const QString &account) const
{
    return RoomPolicy::storeRole(m_policy->role(room, account));
}

std::optional<RoomModeration::Restriction> RoomModeration::restriction(const QString &room, Restriction::Kind kind,
                                                                       const QString &account,
                                                                       const QHostAddress &address) const
{
    // Anonymous connections are restricted by their address; accounts by name, wherever they connect from.
    return kind == Restriction::Kind::Ban ? m_policy->banOf(room, account, address)
                                          : m_policy->muteOf(room, account, address);
}

std::optional<RoomModeration::Outcome> RoomModeration::refusalFor(Role actorRole, Role targetRole)
{
    if (targetRole == Role::Owner)
        return refused(ErrorCode::Forbidden, u"nobody may kick, ban or mute an owner of the room"_s);
    if (targetRole == Role::Moderator && actorRole != Role::Owner)
        return refused(ErrorCode::Forbidden, u"only an owner may kick, ban or mute a moderator"_s);
    return std::nullopt;
}

void RoomModeration::act(const Actor &actor, const ModerationRequest &request, Callback done)
{
    const QLatin1StringView action = moderationActionName(request.action);
    if (actor.account.isEmpty()) {
        done(refused(ErrorCode::SignInRequired, u"moderators are signed in: sign in first"_s));
        return;
    }
    const Role actorRole = role(actor.room, actor.account);
    if (!m_policy->store() || actorRole < Role::Moderator) {
        done(refused(ErrorCode::Forbidden, u"only the room's moderators and owners may %1"_s.arg(action)));
        return;
    }
    if (request.action == Action::Unban || request.action == Action::Unmute) {
        lift(actor, request, done);
        return;
    }
    // A member id of a signed-in connection here means its account.
    if (ChatConsumer *member = localMember(request.user); member && member->room() == actor.room) {
        if (member->account().isEmpty())
            actOnTarget(actor, actorRole, request, Target{member->member().user, request.user, false}, done);
        else
            actOnTarget(actor, actorRole, request, Target{member->account(), {}, true}, done);
        return;
    }
    if (m_accounts && m_accounts->account(request.user)) {
        actOnTarget(actor, actorRole, request, Target{request.user, {}, true}, done);
        return;
    }
    // Any other member, here or on another daemon: the room's presence knows its name; its daemon knows the rest.
    m_layer->presence()->members(ChatGroup::name(actor.room), [self = QPointer(this), actor, actorRole, request,
                                                               done](const QList<GroupMember> &members) {
        if (!self)
            return;
        for (const GroupMember &member : members) {
            if (member.id == request.user) {
                self->actOnTarget(actor, actorRole, request, Target{member.name, member.id, true}, done);
                return;
            }
        }
        done(refused(ErrorCode::UnknownUser, u"\"%1\" is no account and no member of this room"_s.arg(request.user)));
    });
}

void RoomModeration::actOnTarget(const Actor &actor, Role actorRole, const ModerationRequest &request,
                                 const Target &target, const Callback &done)
{
    // A member of another daemon may be signed in under its name: refused as that account would be, to be safe.
    if (const auto refusal = refusalFor(actorRole, target.mayBeAccount ? role(actor.room, target.user) : Role::None)) {
        done(*refusal);
        return;
    }
    const QLatin1StringView action = moderationActionName(request.action);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime until = request.minutes > 0 ? now.addSecs(request.minutes * 60) : QDateTime();
    // A member: the daemon holding its connection records the ban or mute and the audit entry (recordForMember()).
    if (target.memberId.isEmpty()) {
        if (request.action != Action::Kick) {
            const Restriction restriction{kindOf(request.action), Subject::Account, target.user, until,
                                          request.reason,         actor.account,    now};
            if (!record(actor.room, restriction)) {
                done(refused(ErrorCode::StoreFailed, u"the %1 could not be stored"_s.arg(action)));
                return;
            }
        }
        audit(actor.room, actor.account, action, target.user, request.reason, {}, until);
    }
    announce(ModerationEvent{actor.room, action, target.user, target.memberId, actor.account, request.reason, until});
    done({});
}

void RoomModeration::lift(const Actor &actor, const ModerationRequest &request, const Callback &done)
{
    const QString address = Subnets::prefixOf(request.user);
    const Subject subjectKind = address.isEmpty() ? Subject::Account : Subject::Address;
    const QString subject = address.isEmpty() ? request.user : address;
    const Kind kind = kindOf(request.action);
    switch (m_policy->store()->lift(actor.room, kind, subjectKind, subject)) {
    case RoomPolicyStore::Result::Ok:
        m_policy->refresh(actor.room);
        break;
    case RoomPolicyStore::Result::NotFound:
    case RoomPolicyStore::Result::LastOwner:
        done(refused(ErrorCode::UnknownUser,
                     u"%1 has no %2 in force in this room"_s.arg(subject, kind == Kind::Ban ? u"ban"_s : u"mute"_s)));
        return;
    case RoomPolicyStore::Result::Failed:
        qCWarning(lcConsumer) << "could not lift a restriction in" << actor.room << ":"
                              << m_policy->store()->errorString();
        done(refused(ErrorCode::StoreFailed, u"the change could not be stored"_s));
        return;
    }
    const QLatin1StringView action = moderationActionName(request.action);
    audit(actor.room, actor.account, action, subject, {}, {}, {});
    announce(ModerationEvent{actor.room, action, subject, {}, actor.account, {}, {}});
    done({});
}

bool RoomModeration::recordForMember(ChatConsumer *target, const ModerationEvent &event)
{
    const QString account = target->account();
    // The actor's daemon could not tell that this member is an account: checked here as for an account.
    if (!account.isEmpty() && refusalFor(role(target->room(), event.by), role(target->room(), account))) {
        qCInfo(lcConsumer) << "not acting on" << event.action << "of" << event.memberId << "by" << event.by
                           << ": it is signed in as" << account << "who moderates" << target->room();
        return false;
    }
    const QString address = Subnets::clientPrefix(target->address());
    const QString subject = account.isEmpty() ? address : account;
    const bool isKick = event.action == moderationActionName(Action::Kick);
    const Kind kind = event.action == moderationActionName(Action::Ban) ? Kind::Ban : Kind::Mute;
    if (!isKick) {
        const Restriction restriction{kind,
                                      account.isEmpty() ? Subject::Address : Subject::Account,
                                      subject,
                                      event.until,
                                      event.reason,
                                      event.by,
                                      QDateTime::currentDateTimeUtc()};
        if (!record(target->room(), restriction))
            return true; // logged; a ban still closes the connection
    }
    audit(target->room(), event.by, event.action, subject, event.reason,
          u"member %1 (%2)"_s.arg(event.memberId, event.user), event.until);
    if (!isKick && kind == Kind::Ban && account.isEmpty()) {
        // The address is banned: its other anonymous connections to the room here go too.
        for (ChatConsumer *other : m_connections->anonymous()) {
            if (other != target && other->room() == target->room()
                && Subnets::clientPrefix(other->address()) == address)
                other->end(Protocol::CloseCode::banned, closeReason(event.reason));
        }
    }
    return true;
}

RoomDirectory::AuditPage RoomModeration::auditLog(const QString &room, const QString &asker, qint64 beforeId,
                                                  int limit) const
{
    using Status = RoomDirectory::AuditPage::Status;
    if (asker.isEmpty())
        return {Status::SignInRequired, {}, false};
    // A private room's outsider learns nothing of it (docs/protocol.md, "Private rooms").
    if (!m_policy->maySee(room, asker))
        return {Status::NotFound, {}, false};
    if (role(room, asker) != Role::Owner)
        return {Status::Forbidden, {}, false};
    // One more than asked tells whether older entries exist.
    auto entries = m_policy->store()->auditLog(room, beforeId, limit + 1);
    if (!entries) {
        qCWarning(lcConsumer) << "could not read the audit log of" << room << ":" << m_policy->store()->errorString();
        return {Status::Failed, {}, false};
    }
    const bool more = entries->size() > limit;
    if (more)
        entries->resize(limit);
    return {Status::Ok, *entries, more};
}

void RoomModeration::auditDelete(const QString &room, const QString &account, qint64 messageId, const QString &author)
{
    audit(room, account, u"delete"_s, QString::number(messageId), {}, author, {});
}

bool RoomModeration::record(const QString &room, const Restriction &restriction)
{
    RoomPolicyStore *store = m_policy->store();
    if (store && store->restrict(room, restriction)) {
        m_policy->refresh(room);
        return true;
    }
    qCWarning(lcConsumer) << "could not store a restriction in" << room << ":"
                          << (store ? store->errorString() : u"the store keeps none"_s);
    return false;
}

void RoomModeration::audit(const QString &room, const QString &actor, const QString &action, const QString &target,
                           const QString &reason, const QString &detail, const QDateTime &until)
{
    RoomPolicyStore::AuditEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.room = room;
    entry.actor = actor;
    entry.action = action;
    entry.target = target;
    entry.reason = reason;
    entry.detail = detail;
    entry.until = until;
    if (!m_policy->store() || !m_policy->store()->audit(entry))
        qCWarning(lcConsumer) << "could not record" << action << "by" << actor << "in the audit log of" << room;
}

void RoomModeration::announce(const ModerationEvent &event)
{
    qCInfo(lcConsumer).noquote() << event.by << event.action << event.user << event.memberId << "in" << event.room;
    const QByteArray payload = toWire(event.toJson());
    // The room's members get it (the target's daemon closes it); every daemon's policy reads the room again.
    m_layer->groupSend(ChatGroup::name(event.room), Envelope(payload, Envelope::Audience::KaiwaV1));
    m_layer->groupSend(ChatGroup::policyName(), Envelope(payload, Envelope::Audience::KaiwaV1));
}

ChatConsumer *RoomModeration::localMember(const QString &memberId) const
{
    return m_connections->ofMember(memberId);
}

QByteArray RoomModeration::closeReason(const QString &reason)
{
    QByteArray utf8 = reason.toUtf8();
    if (utf8.size() <= Protocol::CloseCode::maxReasonBytes)
        return utf8;
    qsizetype end = Protocol::CloseCode::maxReasonBytes;
    // Back to the first byte of a character: continuation bytes are 10xxxxxx.
    while (end > 0 && (quint8(utf8.at(end)) & 0xC0) == 0x80)
        --end;
    utf8.truncate(end);
    return utf8;
}

std::optional<ModerationEvent> RoomModeration::parseEvent(const QByteArray &payload)
{
    const auto event = parseServerEvent(payload);
    if (!event)
        return std::nullopt;
    if (const auto *moderation = std::get_if<ModerationEvent>(&*event))
        return *moderation;
    return std::nullopt;
}

} // namespace Kaiwa::Server
