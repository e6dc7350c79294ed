-- SPDX-License-Identifier: MIT
SELECT room, message_count, last_id, last_activity FROM rooms WHERE room = :room AND message_count > 0
