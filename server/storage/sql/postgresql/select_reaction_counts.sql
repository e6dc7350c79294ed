-- SPDX-License-Identifier: MIT
-- For the bounds of one message: its distinct emoji, the emoji the reactor holds on it, whether the reactor
-- holds this emoji, whether anyone does. Each reads the reactions of the message on the primary key (GROUP BY
-- in key order: no sort).
SELECT (SELECT count(*) FROM (SELECT emoji FROM reactions WHERE room = :room AND message_id = :id GROUP BY emoji) AS e),
       (SELECT count(*) FROM reactions WHERE room = :reactor_room AND message_id = :reactor_id AND reactor = :reactor),
       (SELECT count(*) FROM reactions
        WHERE room = :holder_room AND message_id = :holder_id AND emoji = :emoji AND reactor = :holder),
       (SELECT count(*) FROM reactions WHERE room = :any_room AND message_id = :any_id AND emoji = :any_emoji)
