-- SPDX-License-Identifier: MIT
-- An edit of a message whose index row is still pending (search_update covers the moved ones).
UPDATE message_search_pending SET body = :body
WHERE position = (SELECT search_position FROM messages WHERE room = :room AND id = :id)
