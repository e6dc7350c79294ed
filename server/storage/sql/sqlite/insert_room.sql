-- SPDX-License-Identifier: MIT
-- A room joined before anything was stored in it: its row, with the epoch its history will keep (the first
-- event finds the row and keeps the epoch). Not listed as a room until it holds a message (message_count).
INSERT INTO rooms (room, epoch) VALUES (:room, lower(hex(randomblob(16)))) ON CONFLICT (room) DO NOTHING
