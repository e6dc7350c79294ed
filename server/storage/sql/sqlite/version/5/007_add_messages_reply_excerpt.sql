-- SPDX-License-Identifier: MIT
-- A reply: the start of the answered message at reply time; NULL once that message is deleted.
ALTER TABLE messages ADD COLUMN reply_excerpt TEXT
