-- SPDX-License-Identifier: MIT
-- Every row is an event of the room's id sequence: 0 message, 1 edit, 2 delete, 3 reaction.
ALTER TABLE messages ADD COLUMN kind INTEGER NOT NULL DEFAULT 0
