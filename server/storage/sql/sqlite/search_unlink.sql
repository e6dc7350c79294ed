-- SPDX-License-Identifier: MIT
-- After search_delete: FTS5 may give a freed position to the next row, which must not look like this message.
UPDATE messages SET search_position = NULL WHERE room = :room AND id = :id
