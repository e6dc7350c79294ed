-- SPDX-License-Identifier: MIT
-- The settings of a room unless it has them: the row comes back only when this statement made it.
INSERT INTO room_settings (room, is_private, direct_first, direct_second, created_by, created)
VALUES (:room, :is_private, :direct_first, :direct_second, :created_by, :created)
ON CONFLICT (room) DO NOTHING
RETURNING room
