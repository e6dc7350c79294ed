-- SPDX-License-Identifier: MIT
-- For the bounds of one message: its distinct emoji, the emoji the reactor holds on it, whether the reactor
-- holds this emoji, whether anyone does.
SELECT count(DISTINCT emoji), count(CASE WHEN reactor = :reactor THEN 1 END),
       count(CASE WHEN reactor = :holder AND emoji = :emoji THEN 1 END),
       count(CASE WHEN emoji = :any_emoji THEN 1 END)
FROM reactions WHERE room = :room AND message_id = :id
