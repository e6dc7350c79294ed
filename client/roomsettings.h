// SPDX-License-Identifier: MIT
#pragma once

#include "common/roomrole.h"
#include "common/serverevent.h"

#include <QObject>

namespace Kaiwa::Client {

/**
 * What a room is and what the user may do in it (docs/protocol.md, "Rooms with owners"): its topic, whether it is
 * private, the other account of a direct-message room, and the role of the account the room's link is signed in
 * to (none when anonymous). The welcome sets them, room.settings and room.role keep them current; Room owns one
 * and the views read it. No widgets.
 */
class RoomSettings : public QObject
{
    Q_OBJECT

public:
    explicit RoomSettings(QObject *parent = nullptr);

    QString topic() const { return m_topic; }
    bool isPrivate() const { return m_private; }
    /// The other account of a direct-message room; empty for any other room.
    QString direct() const { return m_direct; }
    /// The room's name on the server (the welcome's `room`: `dm.…` for direct messages); empty before a welcome.
    QString serverName() const { return m_serverName; }
    RoomRole role() const { return m_role; }
    /// Moderators and owners delete any message and kick, ban and mute (the server checks again).
    bool canModerate() const { return m_role >= RoomRole::Moderator; }
    /// Owners change the topic and visibility and grant and revoke roles.
    bool isOwner() const { return m_role == RoomRole::Owner; }

    /// A welcome of a link signed in to `account` (empty: anonymous).
    void applyWelcome(const Kaiwa::WelcomeEvent &welcome, const QString &account);
    void applySettings(const Kaiwa::RoomSettingsEvent &settings);
    /// Someone's role changed: the user's own when it names `account`.
    void applyRole(const Kaiwa::RoomRoleEvent &role, const QString &account);

Q_SIGNALS:
    /// The topic, the visibility or the direct account changed.
    void changed();
    /// The user's role changed (canModerate(), isOwner()).
    void roleChanged(Kaiwa::RoomRole role);
    /// An account's role changed (the user's or anyone's): the list of roles is stale.
    void rolesChanged(const Kaiwa::RoomRoleEvent &role);

private:
    void setRole(RoomRole role);

    QString m_topic;
    bool m_private = false;
    QString m_direct;
    QString m_serverName;
    RoomRole m_role = RoomRole::None;
};

} // namespace Kaiwa::Client
