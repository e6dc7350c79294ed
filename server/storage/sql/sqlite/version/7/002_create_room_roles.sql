-- SPDX-License-Identifier: MIT
-- The role of an account in a room: 1 member, 2 moderator, 3 owner (ordered: a higher role may do what a lower one
-- may). No row: no role. Removing an account removes its roles.
CREATE TABLE room_roles (
    room TEXT NOT NULL REFERENCES room_settings (room),
    account TEXT NOT NULL REFERENCES accounts (name) ON DELETE CASCADE,
    role INTEGER NOT NULL CHECK (role BETWEEN 1 AND 3),
    PRIMARY KEY (room, account)
) WITHOUT ROWID
