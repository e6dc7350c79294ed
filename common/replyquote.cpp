// SPDX-License-Identifier: MIT
#include "replyquote.h"

#include "protocol.h"

namespace Kaiwa {

using namespace Qt::StringLiterals;

QJsonObject ReplyQuote::toJson() const
{
    return {{"id"_L1, id}, {"user"_L1, user}, {"excerpt"_L1, excerpt}, {"deleted"_L1, deleted}};
}

ReplyQuote ReplyQuote::fromJson(const QJsonObject &object)
{
    return {object.value("id"_L1).toInteger(), object.value("user"_L1).toString(),
            object.value("excerpt"_L1).toString(), object.value("deleted"_L1).toBool()};
}

QString ReplyQuote::excerptOf(const QString &text)
{
    // Counted in characters (code points), as the protocol counts every length.
    qsizetype end = 0;
    for (qsizetype characters = 0; end < text.size() && characters < Protocol::replyExcerptLength; ++characters)
        end += text[end].isHighSurrogate() && end + 1 < text.size() ? 2 : 1;
    return end < text.size() ? text.first(end) + u'…' : text;
}

} // namespace Kaiwa
