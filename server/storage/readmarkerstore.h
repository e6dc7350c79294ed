// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Kaiwa::Server {

/**
 * Read markers that follow an account (docs/protocol.md, "Read markers"): per account and room, the highest id
 * the account has read, kept in the message store's database (SQLite schema 6, PostgreSQL schema 5: table
 * `read_markers`) so every daemon on it shares them, behind their own interface like AccountStore.
 *
 * A marker is made at the account's first join of a room (at the room's last id: what it sees on joining counts
 * as read), so the rooms an account joined are the rooms it has a marker in. Markers only move forward. Calls are
 * synchronous and short, and read bounded ranges only; failures return nothing with a reason in errorString().
 */
class ReadMarkerStore
{
public:
    /// A marker as GET /api/rooms shows it.
    struct Marker {
        QString room;
        qint64 readId = 0;
        /// Messages after the marker (not events, not deleted, not the account's own), up to Protocol::maxUnreadCount.
        int unread = 0;
        /// Those of them that mention the account (docs/protocol.md, "Mentions"), up to the same bound.
        int mentions = 0;
        friend bool operator==(const Marker &, const Marker &) = default;
    };

    virtual ~ReadMarkerStore() = default;

    /// The account's marker in the room, made at `lastId` (the room's last id as it joins) when there is none.
    virtual std::optional<qint64> join(const QString &account, const QString &room, qint64 lastId) = 0;
    /**
     * Moves the account's marker in the room forward to `id`, clamped to the room's last id. The marker's new id
     * when it moved; 0 when it did not (it was there or further already); nothing on failure.
     */
    virtual std::optional<qint64> advance(const QString &account, const QString &room, qint64 id) = 0;
    /// Every marker of the account, by room name, with its counts.
    virtual std::optional<QList<Marker>> markers(const QString &account) = 0;

    virtual QString errorString() const = 0;
};

} // namespace Kaiwa::Server
