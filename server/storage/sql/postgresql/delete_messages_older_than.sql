-- SPDX-License-Identifier: MIT
-- A batch of messages older than the cutoff (ms since the epoch), oldest first, over all rooms.
DELETE FROM messages WHERE (room, id) IN (SELECT room, id FROM messages WHERE time < :cutoff ORDER BY time LIMIT :limit)
