-- SPDX-License-Identifier: MIT
CREATE TRIGGER messages_after_delete AFTER DELETE ON messages
REFERENCING OLD TABLE AS deleted_messages FOR EACH STATEMENT EXECUTE FUNCTION kaiwa_messages_deleted()
