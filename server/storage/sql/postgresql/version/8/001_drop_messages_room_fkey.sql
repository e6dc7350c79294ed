-- SPDX-License-Identifier: MIT
-- Rooms are never deleted (rooms.last_id is the id authority, version/1/001_create_rooms.sql), and every append
-- creates its room row first, under its lock. The per-row foreign key check took a fifth of what PostgreSQL spent
-- on each stored message (docs/performance.md, "PostgreSQL, set at a time").
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_room_fkey
