-- SPDX-License-Identifier: MIT
INSERT INTO message_search (room_key, body, room, id) VALUES (:room_key, :body, :room, :id)
