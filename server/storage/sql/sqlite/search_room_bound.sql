-- SPDX-License-Identifier: MIT
-- The newest indexed message of a room before an id, when the message of that id has no
-- index row: FTS5 walks the rows of the room newest first (a rare path; SqlSearchIndex::roomBound() tries the token
-- naming the message first).
SELECT s.rowid FROM message_search AS s WHERE message_search MATCH :match AND s.id < :before
ORDER BY s.rowid DESC LIMIT 1
