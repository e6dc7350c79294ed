// SPDX-License-Identifier: MIT
#pragma once

#include "roomaddress.h"

#include <QByteArray>
#include <QString>

namespace Kaiwa::Client {

/**
 * Recognises the messages this client sent, across restarts, without keeping a list of them.
 *
 * Every message is sent with a client id (the idempotency key the server stores and relays with the
 * message, also in history): here that id is a random nonce and an HMAC-SHA256 of the room and the
 * nonce under a secret kept in the settings (ClientSettings::ownMessageKey()). A message whose client
 * id carries a valid tag for its room was sent by a client holding the secret, however old it is.
 *
 * Why a signature rather than a list of the ids sent: nothing grows, so there is no bound to choose and
 * no message too old to be recognised; and an id copied by someone else is worthless: the server
 * refuses a client id its room already stored (it answers with a duplicate ack), and in another room or
 * on another server the tag does not match. Ids of other clients (UUIDs, or nothing) are never "own".
 */
class OwnMessageKey
{
public:
    /// Size of a secret, in bytes.
    static constexpr qsizetype secretSize = 32;

    /// A fresh random secret: recognition lasts as long as this object (tests, a client without settings).
    OwnMessageKey();
    /// `secret` as ClientSettings::ownMessageKey() keeps it; one of another size is replaced by a random one.
    explicit OwnMessageKey(const QByteArray &secret);

    static QByteArray generateSecret();

    /// A new client id for a message to `room`: `<nonce>.<tag>`, 45 ASCII characters (the server allows 64).
    QString newClientId(const RoomAddress &room) const;
    /// True when `clientId` was made by newClientId() for `room` with this secret.
    bool isOwn(const RoomAddress &room, const QString &clientId) const;

private:
    QByteArray tag(const RoomAddress &room, const QByteArray &nonce) const;

    QByteArray m_secret;
};

} // namespace Kaiwa::Client
