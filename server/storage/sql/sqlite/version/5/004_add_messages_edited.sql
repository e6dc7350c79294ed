-- SPDX-License-Identifier: MIT
-- A message: when its text was last replaced (ms since the Unix epoch, UTC); NULL when never.
ALTER TABLE messages ADD COLUMN edited INTEGER
