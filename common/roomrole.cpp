// SPDX-License-Identifier: MIT
#include "roomrole.h"

#include <array>
#include <utility>

namespace Kaiwa {

namespace {
using namespace Qt::StringLiterals;
constexpr std::array s_names = {
    std::pair{RoomRole::Member, "member"_L1},
    std::pair{RoomRole::Moderator, "moderator"_L1},
    std::pair{RoomRole::Owner, "owner"_L1},
};
} // namespace

QLatin1StringView roomRoleName(RoomRole role)
{
    for (const auto &[value, name] : s_names) {
        if (value == role)
            return name;
    }
    return {};
}

std::optional<RoomRole> roomRoleFromName(QStringView name)
{
    for (const auto &[value, text] : s_names) {
        if (name == text)
            return value;
    }
    return std::nullopt;
}

QJsonValue roomRoleJson(RoomRole role)
{
    return role == RoomRole::None ? QJsonValue(QJsonValue::Null) : QJsonValue(roomRoleName(role));
}

} // namespace Kaiwa
