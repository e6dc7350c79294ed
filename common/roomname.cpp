// SPDX-License-Identifier: MIT
#include "roomname.h"

#include <QCryptographicHash>
#include <QStringConverter>
#include <QStringDecoder>
#include <QUrl>

#include <algorithm>

namespace Kaiwa {

using namespace Qt::StringLiterals;

bool RoomName::isWordCharacter(char32_t codePoint)
{
    if (codePoint == U'_')
        return true;
    switch (QChar::category(codePoint)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
        return true;
    default:
        return false;
    }
}

RoomName::Validity RoomName::validate(QStringView name)
{
    if (name.isEmpty())
        return Validity::Empty;
    qsizetype codePoints = 0;
    for (qsizetype i = 0; i < name.size(); ++i) {
        char32_t cp = name.at(i).unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < name.size() && name.at(i + 1).isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(name.at(i), name.at(i + 1));
            ++i;
        } else if (QChar::isSurrogate(cp)) {
            return Validity::InvalidCharacter;
        }
        if (!isWordCharacter(cp))
            return Validity::InvalidCharacter;
        if (++codePoints > maxLength)
            return Validity::TooLong;
    }
    return Validity::Valid;
}

static int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool RoomName::isDirect(QStringView name)
{
    constexpr QStringView prefix = u"dm.";
    constexpr qsizetype digits = 32;
    if (name.size() != prefix.size() + digits || !name.startsWith(prefix))
        return false;
    return std::all_of(name.begin() + prefix.size(), name.end(),
                       [](QChar c) { return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'); });
}

QString RoomName::directName(const QString &firstAccount, const QString &secondAccount)
{
    // UTF-8 bytes sort as their code points do (UTF-16 units do not, past U+FFFF).
    QByteArray first = firstAccount.toUtf8();
    QByteArray second = secondAccount.toUtf8();
    if (second < first)
        std::swap(first, second);
    const QByteArray hash = QCryptographicHash::hash(first + '\n' + second, QCryptographicHash::Sha256);
    return u"dm."_s + QString::fromLatin1(hash.toHex().left(32));
}

std::optional<QString> RoomName::fromPathSegment(QByteArrayView encoded, Kinds kinds)
{
    // A room name is at most 100 code points of at most 4 UTF-8 bytes, each escaped as 3 characters.
    if (encoded.isEmpty() || encoded.size() > maxLength * 4 * 3)
        return std::nullopt;
    QByteArray raw;
    raw.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (c != '%') {
            raw.append(c);
            continue;
        }
        if (i + 2 >= encoded.size())
            return std::nullopt;
        const int high = hexValue(encoded[i + 1]);
        const int low = hexValue(encoded[i + 2]);
        if (high < 0 || low < 0)
            return std::nullopt;
        raw.append(char(high * 16 + low));
        i += 2;
    }
    // Keep a leading BOM as U+FEFF, which is not a word character: stripped, "%EF%BB%BFlobby" would be "lobby".
    QStringDecoder decoder(QStringConverter::Utf8,
                           QStringConverter::Flag::Stateless | QStringConverter::Flag::ConvertInitialBom);
    QString name = decoder.decode(raw);
    if (decoder.hasError() || !isValid(name, kinds))
        return std::nullopt;
    return name;
}

QByteArray RoomName::toPathSegment(const QString &name)
{
    return QUrl::toPercentEncoding(name);
}

} // namespace Kaiwa
