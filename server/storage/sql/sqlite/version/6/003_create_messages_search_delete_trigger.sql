-- SPDX-License-Identifier: MIT
-- Whatever deletes messages (retention, manual clean-up) takes their index rows with them, in the same transaction:
-- found by the token naming the message (SqlSearchIndex::messageToken(); nothing for a message of the tail).
CREATE TRIGGER messages_search_after_delete AFTER DELETE ON messages WHEN old.kind = 0 AND old.deleted = 0
BEGIN
    DELETE FROM message_search WHERE rowid IN (
        SELECT rowid FROM message_search
        WHERE message_search MATCH 'room_key : "k' || lower(hex(old.room)) || 'x' || old.id || '"'
    );
END
