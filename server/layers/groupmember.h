// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace Kaiwa::Server {

/// One entry of a group's presence: a member id unique across daemons and the name it is shown by.
struct GroupMember {
    QString id; ///< "<node id>.<n>" (ChannelLayer::newMemberId()).
    QString name;
    friend bool operator==(const GroupMember &, const GroupMember &) = default;
};

/// Receives a group's members, ordered by name then id.
using GroupMembersCallback = std::function<void(const QList<GroupMember> &members)>;
/// Receives how many members each group asked about has (group -> count; a group nobody is in may be missing).
using GroupCountsCallback = std::function<void(const QHash<QString, qsizetype> &counts)>;

} // namespace Kaiwa::Server
