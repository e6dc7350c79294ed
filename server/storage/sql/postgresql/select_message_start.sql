-- SPDX-License-Identifier: MIT
-- The id of the Nth newest message (offset N - 1): a join replays the messages from there.
SELECT id FROM messages WHERE room = :room AND kind = 0 ORDER BY id DESC LIMIT 1 OFFSET :offset
