// SPDX-License-Identifier: MIT
#include "reactionsummary.h"

#include <QJsonArray>

namespace Kaiwa {

using namespace Qt::StringLiterals;

QJsonObject ReactionSummary::toJson() const
{
    return {{"emoji"_L1, emoji}, {"count"_L1, count}, {"users"_L1, QJsonArray::fromStringList(users)}};
}

ReactionSummary ReactionSummary::fromJson(const QJsonObject &object)
{
    ReactionSummary summary{object.value("emoji"_L1).toString(), int(object.value("count"_L1).toInteger()), {}};
    const QJsonArray users = object.value("users"_L1).toArray();
    for (const QJsonValue &user : users)
        summary.users.append(user.toString());
    return summary;
}

} // namespace Kaiwa
