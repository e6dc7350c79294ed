// SPDX-License-Identifier: MIT
#include "member.h"

namespace Kaiwa {

using namespace Qt::StringLiterals;

QJsonObject Member::toJson() const
{
    return {{"id"_L1, id}, {"user"_L1, user}};
}

Member Member::fromJson(const QJsonObject &object)
{
    return Member{object.value("id"_L1).toString(), object.value("user"_L1).toString()};
}

} // namespace Kaiwa
