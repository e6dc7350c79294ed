// SPDX-License-Identifier: MIT
#include "linkfinder.h"

#include <QRegularExpression>

#include <algorithm>

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
    static const QRegularExpression webPattern(u"\\b(?:https?://|www\\.)[^\\s<>\"]+"_s,
                                               QRegularExpression::CaseInsensitiveOption
                                                   | QRegularExpression::UseUnicodePropertiesOption);
    // ASCII addresses only, so that one inside Japanese text without spaces ends where the address does.
    // The domain needs a dot and ends with a letter or digit: "a@b.org." leaves the dot out.
    static const QRegularExpression mailPattern(
        u"(?<![A-Za-z0-9._%+-])(?:mailto:)?[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+"_s,
        QRegularExpression::CaseInsensitiveOption);
    QList<TextLink> links;
    auto webMatches = webPattern.globalMatch(text);
    while (webMatches.hasNext()) {
        const QRegularExpressionMatch match = webMatches.next();
        const qsizetype length = trimmedLength(match.capturedView());
        QString address = match.captured().left(length);
        if (address.startsWith(u"www."_s, Qt::CaseInsensitive))
            address.prepend(u"http://"_s);
        const QUrl url = QUrl::fromUserInput(address);
        if (length > 4 && url.isValid() && !url.host().isEmpty())
            links.append({match.capturedStart(), length, url});
    }
    const qsizetype webLinks = links.size();
    auto mailMatches = mailPattern.globalMatch(text);
    while (mailMatches.hasNext()) {
        const QRegularExpressionMatch match = mailMatches.next();
        const qsizetype start = match.capturedStart();
        const qsizetype end = match.capturedEnd();
        // "https://user@host/..." is one web address, not a mail address inside it.
        const bool inWebLink = std::any_of(links.cbegin(), links.cbegin() + webLinks, [&](const TextLink &link) {
            return start < link.start + link.length && link.start < end;
        });
        QString address = match.captured();
        if (address.startsWith(u"mailto:"_s, Qt::CaseInsensitive))
            address.remove(0, 7);
        QUrl url;
        url.setScheme(u"mailto"_s);
        url.setPath(address);
        if (!inWebLink && url.isValid())
            links.append({start, end - start, url});
    }
    std::sort(links.begin(), links.end(), [](const TextLink &a, const TextLink &b) { return a.start < b.start; });
    return links;
}

} // namespace Kaiwa::Client
