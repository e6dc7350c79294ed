-- SPDX-License-Identifier: MIT
-- The message an edit, delete or reaction is about; for a message, the one it replies to.
ALTER TABLE messages ADD COLUMN target INTEGER
