// SPDX-License-Identifier: MIT
#pragma once

#include "common/clientrequest.h"
#include "common/serverevent.h"
#include "roomdirectory.h"
#include "roompolicy.h"
#include "storage/roompolicystore.h"

#include <QByteArray>
#include <QObject>

#include <functional>
#include <optional>

class QHostAddress;

namespace Kaiwa::Server {

class AccountStore;
class ChannelLayer;
class ChatConsumer;
class ConnectionRegistry;

/**
 * What the moderators and owners of a room do to its members (docs/protocol.md, "Moderation"): kick, ban, unban,
 * mute and unmute, each recorded in the room's audit log and told to the room as a `moderation` event through its
 * group, so that every daemon closes its connections of the target (ChatConsumer::onModeration()).
 *
 * A target is an account, or the member id of a connection. A signed-in connection's member id means its account; an
 * anonymous one's means its address (Subnets::clientPrefix()), which only the daemon holding the connection knows:
 * the event then names the member, and that daemon records the ban or mute (recordForMember()).
 *
 * Bans and mutes are the store's (RoomPolicyStore), so they hold on every daemon sharing the database and across
 * restarts; restriction() reads the ones in force through RoomPolicy's cache, which each write refreshes here and
 * the policy group's copy of the event refreshes on the other daemons.
 */
class RoomModeration : public QObject
{
    Q_OBJECT
public:
    using Role = RoomPolicyStore::Role;
    using Restriction = RoomPolicyStore::Restriction;

    /// Who acts: a signed-in account in a room.
    struct Actor {
        QString room;
        QString account; ///< Empty when anonymous (refused: sign_in_required).
    };
    /// What became of a request: nothing (done, the event is on its way) or a refusal.
    struct Outcome {
        std::optional<ErrorCode> error;
        QString detail;
    };
    using Callback = std::function<void(const Outcome &outcome)>;

    /// Nothing is owned; `accounts` may be null, and the policy's store too (then every request is refused).
    RoomModeration(ChannelLayer *layer, ConnectionRegistry *connections, RoomPolicy *policy, AccountStore *accounts,
                   QObject *parent = nullptr);

    /// Sets the accounts (made after the chat service); null: none.
    void setAccounts(AccountStore *accounts) { m_accounts = accounts; }

    /// The account's role in the room; None when it has none, for anonymous connections and when the store failed.
    Role role(const QString &room, const QString &account) const;
    /// The ban or mute in force now of the account (when signed in) or of the address's prefix in the room.
    std::optional<Restriction> restriction(const QString &room, Restriction::Kind kind, const QString &account,
                                           const QHostAddress &address) const;

    /// Acts on a request of `actor`; `done` learns whether it was refused (maybe later: a member on another daemon).
    void act(const Actor &actor, const ModerationRequest &request, Callback done);
    /**
     * The daemon holding `target` records the kick, ban or mute `event` names it by its member id (and audits it):
     * a ban or mute of its account when it is signed in, else of its address; an anonymous ban also closes the other
     * anonymous connections of that address to the room here. False when the actor may not act on it (it is signed in
     * as an owner, or as a moderator and the actor is no owner): then nothing happens to it.
     */
    bool recordForMember(ChatConsumer *target, const ModerationEvent &event);
    /// The room's audit log for `asker`, who must own the room (RoomDirectory::auditLog()).
    RoomDirectory::AuditPage auditLog(const QString &room, const QString &asker, qint64 beforeId, int limit) const;
    /// Records a moderator's delete of someone else's message in the audit log.
    void auditDelete(const QString &room, const QString &account, qint64 messageId, const QString &author);

    /// The reason of a close frame: `reason` cut to Protocol::CloseCode::maxReasonBytes of UTF-8 between characters.
    static QByteArray closeReason(const QString &reason);
    /// The moderation event of a room envelope's payload, or nothing for any other event.
    static std::optional<ModerationEvent> parseEvent(const QByteArray &payload);

private:
    /// A target found: an account, or a member (its daemon tells whether it is anonymous).
    struct Target {
        QString user;             ///< The account, or the member's name.
        QString memberId;         ///< A member of the room; empty for an account.
        bool mayBeAccount = true; ///< False for a member known to be anonymous (its connection is here).
    };
    void actOnTarget(const Actor &actor, Role actorRole, const ModerationRequest &request, const Target &target,
                     const Callback &done);
    void lift(const Actor &actor, const ModerationRequest &request, const Callback &done);
    /// Nothing when the actor may act on a member of `targetRole`; else the refusal.
    static std::optional<Outcome> refusalFor(Role actorRole, Role targetRole);
    bool record(const QString &room, const Restriction &restriction);
    void audit(const QString &room, const QString &actor, const QString &action, const QString &target,
               const QString &reason, const QString &detail, const QDateTime &until);
    void announce(const ModerationEvent &event);
    ChatConsumer *localMember(const QString &memberId) const;

    ChannelLayer *m_layer;
    ConnectionRegistry *m_connections;
    RoomPolicy *m_policy;
    AccountStore *m_accounts;
};

} // namespace Kaiwa::Server
