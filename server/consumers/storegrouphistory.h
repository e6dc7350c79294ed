// SPDX-License-Identifier: MIT
#pragma once

#include "layers/grouphistory.h"

namespace Kaiwa::Server {

class MessageStore;

/**
 * GroupHistory over the message store, for the rooms' groups (ChatGroup): the envelopes it builds are
 * those ChatService broadcasts for every event, messages, edits, deletes and reactions (ChatGroup::envelope());
 * a message comes in its current state. Other groups have no history.
 */
class StoreGroupHistory final : public GroupHistory
{
public:
    /// @param store not owned; must outlive this object.
    explicit StoreGroupHistory(MessageStore *store);

    qint64 lastId(const QString &group) override;
    QList<Envelope> after(const QString &group, qint64 afterId, int limit) override;

private:
    MessageStore *m_store;
};

} // namespace Kaiwa::Server
