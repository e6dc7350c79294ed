-- SPDX-License-Identifier: MIT
-- The newest indexed message of a room before an id, on the (room, id) index.
SELECT position FROM message_search WHERE room = :room AND id < :before ORDER BY id DESC LIMIT 1
