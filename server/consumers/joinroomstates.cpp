// SPDX-License-Identifier: MIT
#include "joinroomstates.h"

namespace Kaiwa::Server {

namespace {
/// Rooms kept beyond which the end of a turn lets go of them all: one entry each, not a cache of every name.
constexpr qsizetype s_maxKept = 4096;
} // namespace

JoinRoomStates::JoinRoomStates(MessageStore *store, bool enabled, PublicEpoch publicEpoch, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_enabled(enabled)
    , m_publicEpoch(std::move(publicEpoch))
{
}

MessageStore::RoomState JoinRoomStates::read(const QString &room, int latestCount)
{
    if (!m_enabled) {
        MessageStore::RoomState state = m_store->roomState(room, latestCount);
        state.epoch = m_publicEpoch(room, state.epoch);
        return state;
    }
    staleOnWrite();
    Kept &kept = m_states[room];
    if (kept.turn == m_turn && kept.latestCount == latestCount)
        return kept.state;
    MessageStore::RoomState state = m_store->roomState(room, latestCount);
    // A first read makes the room's epoch (a write): what other rooms kept before it goes stale by the count.
    staleOnWrite();
    if (state.epoch.isEmpty()) {
        kept.turn = 0; // the read failed: the next join tries again
        return state;
    }
    const bool epochChanged = state.epoch != kept.storedEpoch;
    kept.storedEpoch = state.epoch;
    state.epoch = epochChanged ? m_publicEpoch(room, state.epoch) : kept.state.epoch;
    kept.turn = m_turn;
    kept.latestCount = latestCount;
    kept.state = state;
    if (!m_endOfTurnPosted) {
        m_endOfTurnPosted = true;
        // A posted call runs once the loop has dispatched everything that was ready: the end of this turn.
        QMetaObject::invokeMethod(this, &JoinRoomStates::endTurn, Qt::QueuedConnection);
    }
    return state;
}

void JoinRoomStates::staleOnWrite()
{
    if (m_store->writeCount() == m_writeCount)
        return;
    m_writeCount = m_store->writeCount();
    ++m_turn;
}

void JoinRoomStates::endTurn()
{
    m_endOfTurnPosted = false;
    ++m_turn;
    if (m_states.size() > s_maxKept)
        m_states.clear();
}

} // namespace Kaiwa::Server
