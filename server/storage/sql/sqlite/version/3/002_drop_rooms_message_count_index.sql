-- SPDX-License-Identifier: MIT
-- Every message changes rooms.message_count, and this index made each of them update it too (about
-- a fifth of an append). Retention by count, its only reader, now scans the rooms table: one row
-- per room, read once per retention pass.
DROP INDEX IF EXISTS rooms_message_count
