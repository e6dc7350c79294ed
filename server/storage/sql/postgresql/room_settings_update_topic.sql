-- SPDX-License-Identifier: MIT
UPDATE room_settings SET topic = :topic WHERE room = :room
