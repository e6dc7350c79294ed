-- SPDX-License-Identifier: MIT
-- A message: 1 once taken back (its text is then empty). An edit: 1 once its target was (text empty too).
ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0
