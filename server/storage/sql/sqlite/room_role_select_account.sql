-- SPDX-License-Identifier: MIT
-- The rooms an account has a role in (the room_roles_account index).
SELECT room, role FROM room_roles WHERE account = :account ORDER BY room
