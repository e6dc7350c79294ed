-- SPDX-License-Identifier: MIT
-- Reserves the next id of the room and updates its stats in one statement.
INSERT INTO rooms (room, last_id, message_count, last_activity) VALUES (:room, 1, 1, :time)
ON CONFLICT (room) DO UPDATE SET
    last_id = last_id + 1,
    message_count = message_count + 1,
    last_activity = excluded.last_activity
RETURNING last_id
