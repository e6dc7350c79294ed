-- SPDX-License-Identifier: MIT
-- A new index row goes to the pending rows, above every position in use (the highest of message_search when none is
-- pending: read newest first from its content, one row).
INSERT INTO message_search_pending (position, room_key, body, room, id)
VALUES (coalesce((SELECT max(position) FROM message_search_pending),
                 (SELECT rowid FROM message_search ORDER BY rowid DESC LIMIT 1), 0) + 1,
        :room_key, :body, :room, :id)
