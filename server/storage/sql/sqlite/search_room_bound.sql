-- SPDX-License-Identifier: MIT
-- The newest indexed message of a room before an id, read backwards along the primary key.
SELECT search_position FROM messages WHERE room = :room AND id < :before AND search_position IS NOT NULL
ORDER BY id DESC LIMIT 1
