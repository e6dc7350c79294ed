-- SPDX-License-Identifier: MIT
-- Rooms with owners (docs/protocol.md): a room's settings, made by the first signed-in join of a new room (created_by:
-- that account), by the operator (created_by empty) or by the first direct message of two accounts (direct_first and
-- direct_second: the two, sorted; NULL for any other room). A room without a row is public, without topic or roles.
-- Rows are never deleted, and keep their accounts' names when those accounts go: a direct-message room stays private.
-- created: ms since the Unix epoch (UTC).
CREATE TABLE room_settings (
    room TEXT NOT NULL PRIMARY KEY,
    topic TEXT NOT NULL DEFAULT '',
    is_private INTEGER NOT NULL DEFAULT 0,
    direct_first TEXT,
    direct_second TEXT,
    created_by TEXT NOT NULL DEFAULT '',
    created INTEGER NOT NULL
) WITHOUT ROWID
