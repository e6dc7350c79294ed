-- SPDX-License-Identifier: MIT
SELECT room, topic, is_private, direct_first, direct_second, created_by, created
FROM room_settings ORDER BY room
