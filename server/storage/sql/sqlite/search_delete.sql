-- SPDX-License-Identifier: MIT
DELETE FROM message_search WHERE rowid = (SELECT search_position FROM messages WHERE room = :room AND id = :id)
