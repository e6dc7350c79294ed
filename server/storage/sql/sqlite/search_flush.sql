-- SPDX-License-Identifier: MIT
-- Moves the pending rows to the FTS5 table under their positions: one segment for all of them.
INSERT INTO message_search (rowid, room_key, body, room, id)
SELECT position, room_key, body, room, id FROM message_search_pending
