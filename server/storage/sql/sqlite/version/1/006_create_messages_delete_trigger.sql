-- SPDX-License-Identifier: MIT
-- Keeps rooms.message_count right whatever deletes messages (retention, manual clean-up).
CREATE TRIGGER messages_after_delete AFTER DELETE ON messages
BEGIN
    UPDATE rooms SET message_count = message_count - 1 WHERE room = old.room;
END
