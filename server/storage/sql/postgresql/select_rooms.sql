-- SPDX-License-Identifier: MIT
SELECT room, message_count, last_id, last_activity FROM rooms WHERE message_count > 0 ORDER BY room
