-- SPDX-License-Identifier: MIT
SELECT count(*) FROM room_roles WHERE room = :room AND role = 3
