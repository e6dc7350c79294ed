-- SPDX-License-Identifier: MIT
DELETE FROM message_search_pending WHERE position = (SELECT search_position FROM messages WHERE room = :room AND id = :id)
