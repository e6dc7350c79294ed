-- SPDX-License-Identifier: MIT
-- A message: its row in message_search (the index position, newest highest); NULL for events and messages not
-- indexed (deleted ones).
ALTER TABLE messages ADD COLUMN search_position INTEGER
