// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>

namespace Kaiwa {

/**
 * One connection in a room, as presence and typing events name it: {"id": ..., "user": ...}.
 *
 * Two connections may use the same display name; `id` tells them apart. It is opaque to clients,
 * stable for the life of the connection and unique across daemons ("<daemon id>.<n>").
 */
struct Member {
    QString id;
    QString user; ///< Display name as the server relays it.

    QJsonObject toJson() const;
    static Member fromJson(const QJsonObject &object);

    friend bool operator==(const Member &, const Member &) = default;
};

} // namespace Kaiwa
