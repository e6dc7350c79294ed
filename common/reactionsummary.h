// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace Kaiwa {

/// One emoji's reactions on a message: {"emoji": "👍", "count": 2, "users": ["alice", "bob"]}.
struct ReactionSummary {
    QString emoji;
    int count = 0;
    QStringList users; ///< Who reacted, first first; at most Protocol::maxReactionUsersListed of them.

    QJsonObject toJson() const;
    static ReactionSummary fromJson(const QJsonObject &object);

    friend bool operator==(const ReactionSummary &, const ReactionSummary &) = default;
};

} // namespace Kaiwa
