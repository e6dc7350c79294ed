// SPDX-License-Identifier: MIT
#pragma once

#include "storage/messagestore.h"

#include <QHash>
#include <QObject>

namespace Kaiwa::Server {

/**
 * The room states (MessageStore::roomState()) the joins of one turn of the event loop read, so that the joins of a
 * burst (a restart, a network coming back: every client of a room reconnecting at once) read each room once per
 * turn instead of once per connection (docs/performance.md, "The burst").
 *
 * Why a state read earlier in the turn is as good as one read now: what the join would miss is a message stored
 * in between. Stored here, it is a write on this daemon's connection (writeCount() moves) or a commit of the
 * append worker (forget()), and either drops what was kept. Stored by another daemon, it is delivered here through
 * a shared channel layer, possibly in this very turn before this joiner was in the group and after its state was
 * read: that message would be neither replayed nor delivered. So a daemon on a shared layer (Redis) keeps nothing
 * (`enabled` false) and reads every join's state afresh, after the joiner entered the room's group.
 *
 * What is kept is dropped at the end of the turn (a call posted when the first state is kept).
 */
class JoinRoomStates final : public QObject
{
    Q_OBJECT
public:
    /// The store is not owned and must outlive this.
    JoinRoomStates(MessageStore *store, bool enabled, QObject *parent = nullptr);

    /// The room's state as MessageStore::roomState(room, latestCount) gives it now.
    MessageStore::RoomState read(const QString &room, int latestCount);
    /// Drops what is kept: a write this store's count does not see committed (the append worker's).
    void forget() { m_states.clear(); }

private:
    struct Kept {
        int latestCount = 0;
        MessageStore::RoomState state;
    };

    MessageStore *m_store;
    bool m_enabled;
    QHash<QString, Kept> m_states;
    quint64 m_writeCount = 0; ///< The store's writeCount() when m_states was read.
    bool m_endOfTurnPosted = false;
};

} // namespace Kaiwa::Server
