-- SPDX-License-Identifier: MIT
-- Keeps rooms.message_count right whatever deletes messages; events do not count.
CREATE TRIGGER messages_after_delete AFTER DELETE ON messages WHEN old.kind = 0
BEGIN
    UPDATE rooms SET message_count = message_count - 1 WHERE room = old.room;
END
