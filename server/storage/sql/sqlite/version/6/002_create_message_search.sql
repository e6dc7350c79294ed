-- SPDX-License-Identifier: MIT
-- Full-text search (docs/architecture.md, "Search"): one row per message that is not deleted, its rowid the
-- position of messages.search_position. room_key holds one token naming the room, so a room filter is one more
-- term; body the tokens of the text, normalised and split by the server (SearchText), which the ascii tokenizer
-- only splits at the spaces between them. room and id lead back to the message. No column sizes: nothing ranks.
-- Prefix indexes of 1 to 3 characters: without them FTS5 answers a prefix query by merging the whole doclists of
-- every word with that prefix (`the*` over a million messages: 40 ms, `a*`: 160 ms; with them 1 to 10 ms), for about
-- a fifth more written per message.
CREATE VIRTUAL TABLE message_search USING fts5(
    room_key, body, room UNINDEXED, id UNINDEXED, tokenize = 'ascii', columnsize = 0, prefix = '1 2 3'
)
