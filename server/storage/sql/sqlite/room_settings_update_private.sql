-- SPDX-License-Identifier: MIT
UPDATE room_settings SET is_private = :is_private WHERE room = :room
