-- SPDX-License-Identifier: MIT
-- Right after search_insert: the message keeps the position of its index row.
UPDATE messages SET search_position = last_insert_rowid() WHERE room = :room AND id = :id
