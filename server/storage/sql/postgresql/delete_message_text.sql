-- SPDX-License-Identifier: MIT
UPDATE messages SET text = '', mentions = NULL, deleted = true WHERE room = :room AND id = :id
