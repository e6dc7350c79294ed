-- SPDX-License-Identifier: MIT
SELECT role FROM room_roles WHERE room = :room AND account = :account
