// SPDX-License-Identifier: MIT
#include "chatmessage.h"

#include "isotime.h"
#include "jsonwriter.h"
#include "protocol.h"

namespace Kaiwa {

using namespace Qt::StringLiterals;

QJsonObject ChatMessage::toJson() const
{
    QJsonObject object{
        {"type"_L1, Protocol::Type::chatMessage},
        {"id"_L1, id},
        {"room"_L1, room},
        {"user"_L1, user},
        {"time"_L1, IsoTime::format(time)},
        {"message"_L1, text},
    };
    if (!clientId.isEmpty())
        object.insert("client_id"_L1, clientId);
    // Only when true: frames of anonymous senders stay exactly the tutorial's shape plus id/user/time.
    if (verified)
        object.insert("verified"_L1, true);
    return object;
}

QByteArray ChatMessage::toWire() const
{
    // The members in toJson()'s order: QJsonObject keeps its keys sorted.
    JsonWriter writer(128 + text.size() * 3);
    if (!clientId.isEmpty())
        writer.add("client_id"_L1, clientId);
    writer.add("id"_L1, id);
    writer.add("message"_L1, text);
    writer.add("room"_L1, room);
    writer.add("time"_L1, IsoTime::format(time));
    writer.add("type"_L1, Protocol::Type::chatMessage);
    writer.add("user"_L1, user);
    if (verified)
        writer.add("verified"_L1, true);
    return writer.finish();
}

ChatMessage ChatMessage::fromJson(const QJsonObject &object)
{
    ChatMessage message;
    message.id = object.value("id"_L1).toInteger();
    message.room = object.value("room"_L1).toString();
    message.user = object.value("user"_L1).toString();
    message.time = IsoTime::parse(object.value("time"_L1).toString());
    message.text = object.value("message"_L1).toString();
    message.clientId = object.value("client_id"_L1).toString();
    message.verified = object.value("verified"_L1).toBool();
    return message;
}

} // namespace Kaiwa
