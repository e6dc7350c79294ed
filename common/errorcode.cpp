// SPDX-License-Identifier: MIT
#include "errorcode.h"

#include <array>
#include <utility>

namespace Kaiwa {

namespace {
using namespace Qt::StringLiterals;
constexpr std::array s_names = {
    std::pair{ErrorCode::InvalidJson, "invalid_json"_L1},
    std::pair{ErrorCode::NotAnObject, "not_an_object"_L1},
    std::pair{ErrorCode::MissingMessage, "missing_message"_L1},
    std::pair{ErrorCode::InvalidMessage, "invalid_message"_L1},
    std::pair{ErrorCode::EmptyMessage, "empty_message"_L1},
    std::pair{ErrorCode::BinaryFrame, "binary_frame"_L1},
    std::pair{ErrorCode::UnknownType, "unknown_type"_L1},
    std::pair{ErrorCode::InvalidField, "invalid_field"_L1},
    std::pair{ErrorCode::RateLimited, "rate_limited"_L1},
    std::pair{ErrorCode::StoreFailed, "store_failed"_L1},
    std::pair{ErrorCode::InvalidEmoji, "invalid_emoji"_L1},
    std::pair{ErrorCode::UnknownTarget, "unknown_target"_L1},
    std::pair{ErrorCode::DeletedTarget, "deleted_target"_L1},
    std::pair{ErrorCode::Forbidden, "forbidden"_L1},
    std::pair{ErrorCode::TooManyReactions, "too_many_reactions"_L1},
    std::pair{ErrorCode::SignInRequired, "sign_in_required"_L1},
    std::pair{ErrorCode::Muted, "muted"_L1},
    std::pair{ErrorCode::UnknownUser, "unknown_user"_L1},
    std::pair{ErrorCode::LastOwner, "last_owner"_L1},
    std::pair{ErrorCode::Banned, "banned"_L1},
    std::pair{ErrorCode::Unknown, "unknown"_L1},
};
} // namespace

QLatin1StringView errorCodeName(ErrorCode code)
{
    for (const auto &[value, name] : s_names) {
        if (value == code)
            return name;
    }
    return "unknown"_L1;
}

ErrorCode errorCodeFromName(QStringView name)
{
    for (const auto &[value, text] : s_names) {
        if (name == text)
            return value;
    }
    return ErrorCode::Unknown;
}

} // namespace Kaiwa
