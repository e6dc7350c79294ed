-- SPDX-License-Identifier: MIT
-- Full-text search (docs/architecture.md, "Search"): one row per message that is not deleted, its rowid the
-- message's position (newest highest). room_key holds a token naming the room, so a room filter is one more term, and
-- one naming the message (k, the room's UTF-8 in hex, x, the id), by which edits, deletes and the delete trigger find
-- its row without recording the position in the message; body the tokens of the text, normalised and split by the server (SearchText), which the ascii tokenizer
-- only splits at the spaces between them. room and id lead back to the message. No column sizes: nothing ranks.
-- A prefix index of 3 characters: without it FTS5 answers a prefix query by merging the whole doclists of every word
-- with that prefix (`the*` over a million messages: 40 ms, `a*`: 160 ms; with it a few ms). Shorter query words match
-- whole words and a single character of a run is a token of its own (SearchText), so no query needs a prefix of 1 or
-- 2, whose indexes cost about 7% more CPU per message stored.
CREATE VIRTUAL TABLE message_search USING fts5(
    room_key, body, room UNINDEXED, id UNINDEXED, tokenize = 'ascii', columnsize = 0, prefix = '3'
)
