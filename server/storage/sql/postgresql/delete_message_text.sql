-- SPDX-License-Identifier: MIT
UPDATE messages SET text = '', deleted = true WHERE room = :room AND id = :id
