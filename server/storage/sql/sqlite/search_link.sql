-- SPDX-License-Identifier: MIT
-- Right after search_insert: the message keeps the position of its index row (edits and deletes find it by it).
UPDATE messages SET search_position = :position WHERE room = :room AND id = :id
