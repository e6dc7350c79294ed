// SPDX-License-Identifier: MIT
#pragma once

#include "envelope.h"

#include <QList>
#include <QString>

namespace Kaiwa::Server {

/**
 * Read access to what a group was sent, from the shared message store, as envelopes that are
 * byte for byte what ChatService::post() sends. A layer that spans daemons (RedisChannelLayer)
 * uses it to put each group's messages in id order and to fill what pub/sub dropped: a
 * subscription that was not active yet, an outage of Redis, a daemon that died between
 * storing and publishing.
 *
 * Calls are synchronous (like every MessageStore call) and rare: on gaps and resubscriptions.
 */
class GroupHistory
{
public:
    virtual ~GroupHistory() = default;
    /// The largest message id of the group so far (0: none, or not a group with history).
    virtual qint64 lastId(const QString &group) = 0;
    /// Up to `limit` envelopes of messages with id > afterId, in id order.
    virtual QList<Envelope> after(const QString &group, qint64 afterId, int limit) = 0;
};

} // namespace Kaiwa::Server
