// SPDX-License-Identifier: MIT
#pragma once

#include "envelope.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <map>

namespace Kaiwa::Server {

class GroupHistory;

/**
 * Delivers one group's chat messages to the local members in id order, each exactly once,
 * whatever order and however often they arrive (local send, Redis echo, another daemon,
 * catch-up from the store). It relies on what the message store guarantees: ids of a room are
 * dense (1, 2, 3...) and a message is committed before any later id of its room exists.
 *
 * - An envelope with the next id is delivered at once, with whatever it unblocks.
 * - An older or repeated id is dropped.
 * - A later id waits; if the gap is not filled within GapTimeoutMs (or right away, from
 *   catchUp()), the missing messages are read from the store. Ids the store no longer has
 *   (retention: it answers with later ids) are skipped. A gap the store does not fill at all
 *   means it could not be read (a database restarting): the later messages wait and the read
 *   is repeated every GapTimeoutMs, for up to storeWaitLimitMs(), and only then skipped.
 * - Envelopes without a message id (not chat messages) pass straight through.
 *
 * It starts after the group's last stored id: what came before is the joining consumers' replay.
 */
class GroupSequencer : public QObject
{
    Q_OBJECT
public:
    using Deliver = std::function<void(const Envelope &envelope)>;

    static constexpr int GapTimeoutMs = 250;
    static constexpr int PageSize = 500;
    /// Held envelopes beyond this trigger an immediate catch-up.
    static constexpr int MaxPending = 10000;
    /// How long a gap the store does not fill holds the later messages back, by default.
    static constexpr int StoreWaitLimitMs = 30000;

    /// @param history not owned, must outlive the sequencer.
    GroupSequencer(QString group, GroupHistory *history, Deliver deliver, QObject *parent = nullptr);

    void offer(const Envelope &envelope);
    /// Reads what the store holds after lastDelivered() and delivers it (e.g. after a (re)subscription).
    void catchUp();

    void setStoreWaitLimit(int ms) { m_storeWaitLimitMs = ms; }
    int storeWaitLimitMs() const { return m_storeWaitLimitMs; }

    QString group() const { return m_group; }
    qint64 lastDelivered() const { return m_last; }
    qsizetype pendingCount() const { return qsizetype(m_pending.size()); }

private:
    void drain();

    QString m_group;
    GroupHistory *m_history;
    Deliver m_deliver;
    qint64 m_last = 0;
    std::map<qint64, Envelope> m_pending;
    QTimer m_gapTimer;
    QElapsedTimer m_storeWait; ///< Running while the store leaves a gap unfilled.
    int m_storeWaitLimitMs = StoreWaitLimitMs;
};

} // namespace Kaiwa::Server
