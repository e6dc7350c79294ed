// SPDX-License-Identifier: MIT
#include "linkfinder.h"

#include <QRegularExpression>

namespace Kaiwa::Client {

using namespace Qt::StringLiterals;

namespace {

/// Length of the candidate once trailing punctuation and unbalanced closing brackets are cut.
qsizetype trimmedLength(QStringView candidate)
{
    qsizetype length = candidate.size();
    while (length > 0) {
        const QChar last = candidate.at(length - 1);
        if (u".,;:!?'\""_s.contains(last)) {
            --length;
            continue;
        }
        const QChar opening = last == u')' ? u'(' : last == u']' ? u'[' : last == u'}' ? u'{' : QChar();
        if (!opening.isNull() && candidate.first(length).count(opening) < candidate.first(length).count(last)) {
            --length;
            continue;
        }
        break;
    }
    return length;
}

} // namespace

QList<TextLink> LinkFinder::find(const QString &text)
{
    static const QRegularExpression pattern(u"\\b(?:https?://|www\\.)[^\\s<>\"]+"_s,
                                            QRegularExpression::CaseInsensitiveOption
                                                | QRegularExpression::UseUnicodePropertiesOption);
    QList<TextLink> links;
    auto matches = pattern.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        const qsizetype length = trimmedLength(match.capturedView());
        QString address = match.captured().left(length);
        if (address.startsWith(u"www."_s, Qt::CaseInsensitive))
            address.prepend(u"http://"_s);
        const QUrl url = QUrl::fromUserInput(address);
        if (length > 4 && url.isValid() && !url.host().isEmpty())
            links.append({match.capturedStart(), length, url});
    }
    return links;
}

} // namespace Kaiwa::Client
