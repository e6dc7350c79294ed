// SPDX-License-Identifier: MIT
#pragma once

#include "storage/messagestore.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace Kaiwa::Server {

/**
 * The room states (MessageStore::roomState()) the joins of one turn of the event loop read, so that the joins of a
 * burst (a restart, a network coming back: every client of a room reconnecting at once) read each room once per
 * turn instead of once per connection (docs/performance.md, "The burst").
 *
 * Why a state read earlier in the turn is as good as one read now: what the join would miss is a message stored
 * in between. Stored here, it is a write on this daemon's store (writeCount() moves) or a commit of the append
 * worker (forget()), and either makes the next join read again. Stored by another daemon, it is delivered here
 * through a shared channel layer, possibly in this very turn before this joiner was in the group and after its
 * state was read: that message would be neither replayed nor delivered. So a daemon on a shared layer (Redis)
 * keeps nothing (`enabled` false) and reads every join's state afresh, after the joiner entered the room's group.
 *
 * What was read stays valid until the end of the turn (a call posted when the first state is read). The entries
 * stay allocated for the next turns' joins (a burst spans many turns), up to a bound; the room's public epoch
 * (`publicEpoch` of its stored epoch, a hash) is computed again only when the stored epoch changed.
 */
class JoinRoomStates final : public QObject
{
    Q_OBJECT
public:
    /// What a join shows of a stored epoch (ChatService::epochOf()).
    using PublicEpoch = std::function<QString(const QString &room, const QString &stored)>;

    /// The store is not owned and must outlive this.
    JoinRoomStates(MessageStore *store, bool enabled, PublicEpoch publicEpoch, QObject *parent = nullptr);

    /// The room's state as MessageStore::roomState(room, latestCount) gives it now, its epoch made public.
    MessageStore::RoomState read(const QString &room, int latestCount);
    /// Makes every join read again: a write this store's count does not see committed (the append worker's).
    void forget() { ++m_turn; }

private:
    struct Kept {
        quint64 turn = 0; ///< Valid while m_turn is this.
        int latestCount = 0;
        MessageStore::RoomState state; ///< Its epoch the public one.
        QString storedEpoch;           ///< What the public epoch was made of.
    };
    /// Makes what is kept stale when the store began a write since the last look.
    void staleOnWrite();
    void endTurn();

    MessageStore *m_store;
    bool m_enabled;
    PublicEpoch m_publicEpoch;
    QHash<QString, Kept> m_states;
    quint64 m_turn = 1;       ///< Bumped at the end of a turn and by every write: what is kept is then stale.
    quint64 m_writeCount = 0; ///< The store's writeCount() when m_turn was last bumped for it.
    bool m_endOfTurnPosted = false;
};

} // namespace Kaiwa::Server
