-- SPDX-License-Identifier: MIT
-- The listed accounts of a room, owners first, then by name.
SELECT account, role FROM room_roles WHERE room = :room ORDER BY role DESC, account
