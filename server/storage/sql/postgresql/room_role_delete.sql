-- SPDX-License-Identifier: MIT
DELETE FROM room_roles WHERE room = :room AND account = :account
