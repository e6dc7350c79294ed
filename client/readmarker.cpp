// SPDX-License-Identifier: MIT
#include "readmarker.h"

#include "chatlogmodel.h"

#include "common/protocol.h"

namespace Kaiwa::Client {

ReadMarker::ReadMarker(ChatLogModel *log, QObject *parent)
    : QObject(parent)
    , m_log(log)
{
    m_interval.setSingleShot(true);
    m_interval.setInterval(Protocol::readIntervalMs);
    connect(&m_interval, &QTimer::timeout, this, &ReadMarker::report);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_log, signal, this, &ReadMarker::recount);
    connect(m_log, &QAbstractItemModel::dataChanged, this, &ReadMarker::recount); // deleted, or own after all
    connect(m_log, &QAbstractItemModel::modelReset, this, &ReadMarker::recount);
}

ReadMarker::~ReadMarker() = default;

void ReadMarker::setMarker(qint64 id)
{
    if (m_marker && id <= *m_marker)
        return;
    m_marker = id;
    recount();
}

void ReadMarker::setDirectoryCounts(const DirectoryCounts &counts)
{
    if (m_marker && counts.readId < *m_marker)
        return; // counted before the user read more
    m_directory = counts;
    setMarker(counts.readId);
    recount();
}

void ReadMarker::recount()
{
    int unread = 0;
    int mentions = 0;
    if (m_marker) {
        const qint64 marker = *m_marker;
        const qint64 oldest = m_log->oldestId();
        // Ids between the marker and the log's oldest message are not in the log: the server counted them.
        const bool logReachesMarker = oldest > 0 && oldest <= marker + 1;
        if (!logReachesMarker && m_directory && m_directory->readId == marker) {
            const qint64 countedUpTo = std::max(m_directory->lastId, marker);
            unread = m_directory->unread + m_log->countAfter(countedUpTo);
            mentions = m_directory->mentions + m_log->countMentionsAfter(countedUpTo);
        } else {
            unread = m_log->countAfter(marker);
            mentions = m_log->countMentionsAfter(marker);
        }
    }
    unread = std::min(unread, Protocol::maxUnreadCount);
    mentions = std::min(mentions, Protocol::maxUnreadCount);
    if (unread == m_unread && mentions == m_mentions)
        return;
    m_unread = unread;
    m_mentions = mentions;
    Q_EMIT countsChanged();
}

void ReadMarker::seen(qint64 id)
{
    m_seen = std::max(m_seen, id);
    if (!m_interval.isActive())
        report();
}

void ReadMarker::report()
{
    const qint64 known = std::max(m_reported, m_marker.value_or(0));
    if (m_seen <= known)
        return;
    m_reported = m_seen;
    m_interval.start();
    Q_EMIT reportDue(m_seen);
}

void ReadMarker::linkLost()
{
    m_reported = 0;
    m_interval.stop();
}

} // namespace Kaiwa::Client
