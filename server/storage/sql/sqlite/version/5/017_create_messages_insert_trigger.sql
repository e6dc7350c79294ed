-- SPDX-License-Identifier: MIT
-- As in version 3, but message_count counts messages, not the events about them, and a new room gets the
-- random epoch of its history.
CREATE TRIGGER messages_after_insert AFTER INSERT ON messages
BEGIN
    INSERT INTO rooms (room, last_id, message_count, last_activity, epoch)
    VALUES (new.room, new.id, new.kind = 0, new.time, lower(hex(randomblob(16))))
    ON CONFLICT (room) DO UPDATE SET
        last_id = max(last_id, excluded.last_id),
        message_count = message_count + excluded.message_count,
        last_activity = excluded.last_activity;
END
