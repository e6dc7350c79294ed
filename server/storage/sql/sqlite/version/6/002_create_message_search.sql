-- SPDX-License-Identifier: MIT
-- Full-text search (docs/architecture.md, "Search"): one row per message that is not deleted, its rowid the
-- position of messages.search_position. room_key holds one token naming the room, so a room filter is one more
-- term; body the tokens of the text, normalised and split by the server (SearchText), which the ascii tokenizer
-- only splits at the spaces between them. room and id lead back to the message. No column sizes: nothing ranks.
CREATE VIRTUAL TABLE message_search USING fts5(
    room_key, body, room UNINDEXED, id UNINDEXED, tokenize = 'ascii', columnsize = 0
)
