-- SPDX-License-Identifier: MIT
UPDATE messages SET text = :text, edited = :edited WHERE room = :room AND id = :id
