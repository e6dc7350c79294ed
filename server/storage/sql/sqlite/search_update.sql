-- SPDX-License-Identifier: MIT
-- An edit: the index row keeps its position (the message keeps its place among the results); found by the token
-- naming the message (a match expression).
UPDATE message_search SET body = :body
WHERE rowid IN (SELECT rowid FROM message_search WHERE message_search MATCH :key)
