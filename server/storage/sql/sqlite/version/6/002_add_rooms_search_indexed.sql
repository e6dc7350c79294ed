-- SPDX-License-Identifier: MIT
-- The id up to which a room's messages are in message_search. Storing a message writes nothing for the index (one
-- more table per commit cost as much again as the message): messages above this id are the tail, which searches read
-- from messages and SqlSearchIndex::indexTail() moves to message_search in batches, in a transaction of its own.
ALTER TABLE rooms ADD COLUMN search_indexed INTEGER NOT NULL DEFAULT 0
