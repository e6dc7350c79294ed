// SPDX-License-Identifier: MIT
#include "joinroomstates.h"

namespace Kaiwa::Server {

JoinRoomStates::JoinRoomStates(MessageStore *store, bool enabled, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_enabled(enabled)
{
}

MessageStore::RoomState JoinRoomStates::read(const QString &room, int latestCount)
{
    if (!m_enabled)
        return m_store->roomState(room, latestCount);
    if (m_store->writeCount() != m_writeCount)
        m_states.clear();
    if (const auto it = m_states.constFind(room); it != m_states.constEnd() && it->latestCount == latestCount)
        return it->state;
    const MessageStore::RoomState state = m_store->roomState(room, latestCount);
    // A first read makes the room's epoch (a write): what was kept before it is dropped by the count, not this.
    if (m_store->writeCount() != m_writeCount) {
        m_states.clear();
        m_writeCount = m_store->writeCount();
    }
    if (state.epoch.isEmpty())
        return state; // the read failed: the next join tries again
    m_states.insert(room, Kept{latestCount, state});
    if (!m_endOfTurnPosted) {
        m_endOfTurnPosted = true;
        // A posted call runs once the loop has dispatched everything that was ready: the end of this turn.
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_endOfTurnPosted = false;
                m_states.clear();
            },
            Qt::QueuedConnection);
    }
    return state;
}

} // namespace Kaiwa::Server
