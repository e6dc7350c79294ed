-- SPDX-License-Identifier: MIT
-- The newest index rows, not yet in message_search: FTS5 writes a segment at every commit, which would double the
-- cost of storing a message, so the transaction of a message writes its row here (one small b-tree) and every few hundred
-- messages one transaction moves them all to message_search (SqlSearchIndex). Searches read both. position is the
-- place of the row in the index (its rowid in message_search once moved), above every position already moved.
CREATE TABLE message_search_pending (
    position INTEGER PRIMARY KEY,
    room_key TEXT NOT NULL,
    body TEXT NOT NULL,
    room TEXT NOT NULL,
    id INTEGER NOT NULL
)
