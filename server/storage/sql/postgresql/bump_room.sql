-- SPDX-License-Identifier: MIT
-- Reserves the next id of the room and updates its stats (message_count: 1 for a message, 0 for an event
-- about one). The row lock it takes is held until COMMIT: writes to one room are serialised across daemons,
-- so ids are dense and commit order is id order (an event is visible before any later id of its room exists).
INSERT INTO rooms (room, last_id, message_count, last_activity) VALUES (:room, 1, :count, :time)
ON CONFLICT (room) DO UPDATE SET
    last_id = rooms.last_id + 1,
    message_count = rooms.message_count + excluded.message_count,
    last_activity = excluded.last_activity
RETURNING last_id
