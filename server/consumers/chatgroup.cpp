// SPDX-License-Identifier: MIT
#include "chatgroup.h"

namespace Kaiwa::Server {

using namespace Qt::StringLiterals;

namespace {
constexpr QStringView s_prefix = u"chat.";
} // namespace

QString ChatGroup::name(const QString &room)
{
    return u"chat."_s + room; // s_prefix; a literal QString costs no copy
}

std::optional<QString> ChatGroup::room(const QString &group)
{
    if (!group.startsWith(s_prefix))
        return std::nullopt;
    return group.mid(s_prefix.size());
}

Envelope ChatGroup::envelope(const ChatMessage &message)
{
    return Envelope(message.toWire(), Envelope::Audience::Everyone, message.id);
}

} // namespace Kaiwa::Server
