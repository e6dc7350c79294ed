// SPDX-License-Identifier: MIT
#include "ownmessagekey.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace Kaiwa::Client {

namespace {

constexpr qsizetype nonceSize = 16;
constexpr qsizetype tagSize = 16; // 128 bits of the HMAC: as hard to guess as a UUID is to collide
constexpr auto encoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

} // namespace

OwnMessageKey::OwnMessageKey()
    : m_secret(generateSecret())
{
}

OwnMessageKey::OwnMessageKey(const QByteArray &secret)
    : m_secret(secret.size() == secretSize ? secret : generateSecret())
{
}

QByteArray OwnMessageKey::generateSecret()
{
    static_assert(secretSize % 4 == 0 && nonceSize % 4 == 0);
    return randomBytes(secretSize);
}

QByteArray OwnMessageKey::tag(const RoomAddress &room, const QByteArray &nonce) const
{
    // The room's page address names the server (with its path) and the room; the display name is no part of it.
    QMessageAuthenticationCode code(QCryptographicHash::Sha256, m_secret);
    code.addData(room.roomKey().toUtf8());
    code.addData("\n");
    code.addData(nonce);
    return code.result().left(tagSize);
}

QString OwnMessageKey::newClientId(const RoomAddress &room) const
{
    const QByteArray nonce = randomBytes(nonceSize);
    return QString::fromLatin1(nonce.toBase64(encoding) + '.' + tag(room, nonce).toBase64(encoding));
}

bool OwnMessageKey::isOwn(const RoomAddress &room, const QString &clientId) const
{
    const qsizetype dot = clientId.indexOf(u'.');
    if (dot < 0 || clientId.size() > 64)
        return false;
    constexpr auto strict = encoding | QByteArray::AbortOnBase64DecodingErrors;
    const auto nonce = QByteArray::fromBase64Encoding(clientId.left(dot).toLatin1(), strict);
    const auto given = QByteArray::fromBase64Encoding(clientId.mid(dot + 1).toLatin1(), strict);
    if (!nonce || !given || nonce.decoded.size() != nonceSize || given.decoded.size() != tagSize)
        return false;
    return tag(room, nonce.decoded) == given.decoded;
}

} // namespace Kaiwa::Client
