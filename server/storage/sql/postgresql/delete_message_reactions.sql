-- SPDX-License-Identifier: MIT
DELETE FROM reactions WHERE room = :room AND message_id = :id
