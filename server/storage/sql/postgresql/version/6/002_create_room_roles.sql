-- SPDX-License-Identifier: MIT
-- The role of an account in a room: 1 member, 2 moderator, 3 owner (sql/sqlite/version/7/002_create_room_roles.sql).
CREATE TABLE room_roles (
    room TEXT NOT NULL REFERENCES room_settings (room),
    account TEXT NOT NULL REFERENCES accounts (name) ON DELETE CASCADE,
    role SMALLINT NOT NULL CHECK (role BETWEEN 1 AND 3),
    PRIMARY KEY (room, account)
)
