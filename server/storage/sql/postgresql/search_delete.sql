-- SPDX-License-Identifier: MIT
DELETE FROM message_search WHERE room = :room AND id = :id
