-- SPDX-License-Identifier: MIT
-- The messages of a room not yet in the index, in id order (a range of the primary key), at most a limit.
SELECT id, time, text FROM messages WHERE room = :room AND id > :after AND kind = 0 AND deleted = 0
ORDER BY id LIMIT :limit
