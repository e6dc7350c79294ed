// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonValue>
#include <QLatin1StringView>
#include <QStringView>

#include <optional>

namespace Kaiwa {

/**
 * An account's role in a room (docs/protocol.md, "Rooms with owners"), ordered: a higher role may do all a lower
 * one may. None is everyone else in a public room, and every anonymous connection.
 */
enum class RoomRole {
    None,
    Member,    ///< Listed: what lets an account into a private room.
    Moderator, ///< Deletes any message, kicks, bans, mutes.
    Owner,     ///< Also sets the topic and visibility, grants and revokes roles, reads the audit log.
};

/// "owner", "moderator", "member"; empty for None.
QLatin1StringView roomRoleName(RoomRole role);
/// The role of a wire name; nothing for any other text (None has no name).
std::optional<RoomRole> roomRoleFromName(QStringView name);
/// The role as JSON: its name, or null for None.
QJsonValue roomRoleJson(RoomRole role);

} // namespace Kaiwa
