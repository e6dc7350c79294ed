-- SPDX-License-Identifier: MIT
-- Whatever deletes messages (retention, manual clean-up) takes their index rows with them, in the same transaction.
CREATE TRIGGER messages_search_after_delete AFTER DELETE ON messages WHEN old.search_position IS NOT NULL
BEGIN
    DELETE FROM message_search WHERE rowid = old.search_position;
END
