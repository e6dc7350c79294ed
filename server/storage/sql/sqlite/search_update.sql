-- SPDX-License-Identifier: MIT
-- An edit: the index row keeps its position (the message keeps its place among the results).
UPDATE message_search SET body = :body WHERE rowid = (SELECT search_position FROM messages WHERE room = :room AND id = :id)
