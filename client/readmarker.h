// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <optional>

namespace Kaiwa::Client {

class ChatLogModel;

/**
 * What a signed-in account has read in one room, as the server keeps it (docs/protocol.md "Read markers"):
 * the marker (the highest id read, from `welcome.read_id`, `read` events of any of the account's
 * connections, or `/api/rooms`), the unread messages and mentions after it, and the reports of what the
 * user saw, at most one per Protocol::readIntervalMs.
 *
 * The counts come from the room's log, which holds only what the server replayed on joining and what
 * came since: when the log does not reach back to the marker, the server's counts from `/api/rooms` are
 * taken for the messages up to the room's last id then, and the log's for those after it.
 */
class ReadMarker : public QObject
{
    Q_OBJECT

public:
    /// The room's counts from `/api/rooms` (RoomDirectoryModel::Entry) for the marker `readId`.
    struct DirectoryCounts {
        qint64 readId = 0;
        qint64 lastId = 0; ///< The room's last id when the server counted.
        int unread = 0;
        int mentions = 0;
    };

    /// `log` (not owned) is the room's: the counts follow it.
    explicit ReadMarker(ChatLogModel *log, QObject *parent = nullptr);
    ~ReadMarker() override;

    /// The server's marker; nothing until one is known (anonymous, an older server, not connected yet).
    std::optional<qint64> marker() const { return m_marker; }
    /// A marker from the server: taken when it moves forward (markers never move back).
    void setMarker(qint64 id);
    /// The counts of `/api/rooms`; they count only when they were made for the marker known then or later.
    void setDirectoryCounts(const DirectoryCounts &counts);

    /// Messages of others after the marker (0 without a marker).
    int unreadCount() const { return m_unread; }
    /// Those of them that mention the user.
    int mentionCount() const { return m_mentions; }

    /**
     * The user has seen the room up to `id` (its newest message on screen, in a focused window): reportDue()
     * asks the room to tell the server, at once or when the interval since the last report has passed.
     */
    void seen(qint64 id);
    /// The link is down: what was reported may not have arrived, and a new link may report again.
    void linkLost();
    /// The newest id reported on this link (0: none yet).
    qint64 lastReported() const { return m_reported; }
    /// A report was made less than Protocol::readIntervalMs ago: the next one waits for the interval.
    bool isWaiting() const { return m_interval.isActive(); }

Q_SIGNALS:
    /// unreadCount() or mentionCount() changed.
    void countsChanged();
    /// Send `{"type": "read", "id": id}` now.
    void reportDue(qint64 id);

private:
    void recount();
    void report();

    ChatLogModel *m_log;
    std::optional<qint64> m_marker;
    std::optional<DirectoryCounts> m_directory;
    int m_unread = 0;
    int m_mentions = 0;
    qint64 m_reported = 0; ///< The last id reported on this link.
    qint64 m_seen = 0;     ///< The newest id the user saw.
    QTimer m_interval;     ///< Running for readIntervalMs after a report.
};

} // namespace Kaiwa::Client
