-- SPDX-License-Identifier: MIT
-- The upgrade that creates the index reads the messages to index in time order, a batch after a key.
SELECT time, room, id, text FROM messages
WHERE (time, room, id) > (:time, :room, :id) AND kind = 0 AND NOT deleted
ORDER BY time, room, id LIMIT :limit
