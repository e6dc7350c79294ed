-- SPDX-License-Identifier: MIT
-- A delete: the text is gone, the row stays (its id is part of the sequence).
UPDATE messages SET text = '', mentions = NULL, deleted = 1 WHERE room = :room AND id = :id
