-- SPDX-License-Identifier: MIT
-- A message moved from the tail to the index under its position (above every position in use); room_key names the
-- room and the message.
INSERT INTO message_search (rowid, room_key, body, room, id) VALUES (:position, :room_key, :body, :room, :id)
