-- SPDX-License-Identifier: MIT
-- A room joined before anything was stored in it: its row, with the epoch its history will keep (the column
-- default; bump_room finds the row and keeps it). Not listed as a room until it holds a message.
INSERT INTO rooms (room) VALUES (:room) ON CONFLICT (room) DO NOTHING
