// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>

namespace Kaiwa {

/**
 * What a reply carries of the message it answers, so a client can show the quote without asking:
 * {"id": 42, "user": "alice", "excerpt": "the start of its text", "deleted": false}.
 */
struct ReplyQuote {
    qint64 id = 0;
    QString user;
    QString excerpt; ///< Up to Protocol::replyExcerptLength characters of its text; empty once it is deleted.
    bool deleted = false;

    QJsonObject toJson() const;
    static ReplyQuote fromJson(const QJsonObject &object);
    /// The first Protocol::replyExcerptLength characters of `text` (never half a surrogate pair), "…" when cut.
    static QString excerptOf(const QString &text);

    friend bool operator==(const ReplyQuote &, const ReplyQuote &) = default;
};

} // namespace Kaiwa
