-- SPDX-License-Identifier: MIT
-- Keeps rooms in step with every stored message: the id counter, the count and the last activity.
-- Inside SQLite's engine this costs a fraction of a separate statement from the daemon, and it lets
-- insert_message.sql store a message in one statement (one implicit transaction).
CREATE TRIGGER messages_after_insert AFTER INSERT ON messages
BEGIN
    INSERT INTO rooms (room, last_id, message_count, last_activity) VALUES (new.room, new.id, 1, new.time)
    ON CONFLICT (room) DO UPDATE SET
        last_id = max(last_id, excluded.last_id),
        message_count = message_count + 1,
        last_activity = excluded.last_activity;
END
