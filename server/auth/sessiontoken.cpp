// SPDX-License-Identifier: MIT
#include "sessiontoken.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

namespace Kaiwa::Server {

namespace {
constexpr qsizetype s_tokenLength = 43; // 32 bytes in base64url without padding
} // namespace

QByteArray SessionToken::generate()
{
    std::array<quint32, 8> bits;
    QRandomGenerator::system()->fillRange(bits.data(), bits.size());
    return QByteArray(reinterpret_cast<const char *>(bits.data()), sizeof(bits))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray SessionToken::hash(QByteArrayView token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
}

bool SessionToken::isWellFormed(QByteArrayView token)
{
    if (token.size() != s_tokenLength)
        return false;
    for (const char c : token) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    }
    return true;
}

} // namespace Kaiwa::Server
