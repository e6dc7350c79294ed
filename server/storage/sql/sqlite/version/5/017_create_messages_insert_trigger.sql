-- SPDX-License-Identifier: MIT
-- As in version 3, and a new room gets the random epoch of its history.
CREATE TRIGGER messages_after_insert AFTER INSERT ON messages
BEGIN
    INSERT INTO rooms (room, last_id, message_count, last_activity, epoch)
    VALUES (new.room, new.id, 1, new.time, lower(hex(randomblob(16))))
    ON CONFLICT (room) DO UPDATE SET
        last_id = max(last_id, excluded.last_id),
        message_count = message_count + 1,
        last_activity = excluded.last_activity;
END
