-- SPDX-License-Identifier: MIT
-- A delete event: 1 when someone else than the author deleted the message.
ALTER TABLE messages ADD COLUMN moderator INTEGER NOT NULL DEFAULT 0
