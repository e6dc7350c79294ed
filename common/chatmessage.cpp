// SPDX-License-Identifier: MIT
#include "chatmessage.h"

#include "isotime.h"
#include "jsonwriter.h"
#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Kaiwa {

using namespace Qt::StringLiterals;

QJsonObject ChatMessage::toJson() const
{
    QJsonObject object{
        {"type"_L1, Protocol::Type::chatMessage}, {"id"_L1, id},        {"room"_L1, room}, {"user"_L1, user},
        {"time"_L1, IsoTime::format(time)},       {"message"_L1, text},
    };
    if (!clientId.isEmpty())
        object.insert("client_id"_L1, clientId);
    // Only when true: frames of anonymous senders stay exactly the tutorial's shape plus id/user/time.
    if (verified)
        object.insert("verified"_L1, true);
    // Likewise each of these only when it says something.
    if (replyTo)
        object.insert("reply_to"_L1, replyTo->toJson());
    if (!mentions.isEmpty())
        object.insert("mentions"_L1, QJsonArray::fromStringList(mentions));
    if (edited.isValid())
        object.insert("edited"_L1, IsoTime::format(edited));
    if (deleted)
        object.insert("deleted"_L1, true);
    if (!reactions.isEmpty()) {
        QJsonArray array;
        for (const ReactionSummary &reaction : reactions)
            array.append(reaction.toJson());
        object.insert("reactions"_L1, array);
    }
    return object;
}

namespace {
/// A nested member as QJsonDocument writes it inside an object: the same compact bytes.
QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}
} // namespace

QByteArray ChatMessage::toWire() const
{
    // The members in toJson()'s order: QJsonObject keeps its keys sorted.
    JsonWriter writer(128 + text.size() * 3);
    if (!clientId.isEmpty())
        writer.add("client_id"_L1, clientId);
    if (deleted)
        writer.add("deleted"_L1, true);
    if (edited.isValid())
        writer.add("edited"_L1, IsoTime::format(edited));
    writer.add("id"_L1, id);
    if (!mentions.isEmpty())
        writer.addRaw("mentions"_L1, compact(QJsonArray::fromStringList(mentions)));
    writer.add("message"_L1, text);
    if (!reactions.isEmpty()) {
        QJsonArray array;
        for (const ReactionSummary &reaction : reactions)
            array.append(reaction.toJson());
        writer.addRaw("reactions"_L1, compact(array));
    }
    if (replyTo)
        writer.addRaw("reply_to"_L1, compact(replyTo->toJson()));
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
    if (object.value("reply_to"_L1).isObject())
        message.replyTo = ReplyQuote::fromJson(object.value("reply_to"_L1).toObject());
    const QJsonArray mentions = object.value("mentions"_L1).toArray();
    for (const QJsonValue &mention : mentions)
        message.mentions.append(mention.toString());
    message.edited = IsoTime::parse(object.value("edited"_L1).toString());
    message.deleted = object.value("deleted"_L1).toBool();
    const QJsonArray reactions = object.value("reactions"_L1).toArray();
    for (const QJsonValue &reaction : reactions)
        message.reactions.append(ReactionSummary::fromJson(reaction.toObject()));
    return message;
}

} // namespace Kaiwa
