-- SPDX-License-Identifier: MIT
-- Rooms with owners: the columns of sql/sqlite/version/7/001_create_room_settings.sql, which says what each holds.
CREATE TABLE room_settings (
    room TEXT NOT NULL PRIMARY KEY,
    topic TEXT NOT NULL DEFAULT '',
    is_private BOOLEAN NOT NULL DEFAULT false,
    direct_first TEXT,
    direct_second TEXT,
    created_by TEXT NOT NULL DEFAULT '',
    created BIGINT NOT NULL
)
