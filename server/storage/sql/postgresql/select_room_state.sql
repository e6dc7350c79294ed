-- SPDX-License-Identifier: MIT
-- What a join reads of a room in one statement: its last id, its epoch, and the id of its newest message but
-- `offset` (NULL when it holds fewer). No colon before a word in these comments: Qt would take it for a placeholder.
SELECT last_id, epoch,
       (SELECT id FROM messages WHERE room = rooms.room AND kind = 0 ORDER BY id DESC LIMIT 1 OFFSET :offset)
FROM rooms WHERE room = :room
