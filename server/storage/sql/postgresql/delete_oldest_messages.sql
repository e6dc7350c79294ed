-- SPDX-License-Identifier: MIT
-- The oldest messages of one room.
DELETE FROM messages WHERE room = :room AND id IN (SELECT id FROM messages WHERE room = :subroom ORDER BY id LIMIT :count)
