-- SPDX-License-Identifier: MIT
-- Rooms holding more messages than count-based retention keeps.
SELECT room, message_count FROM rooms WHERE message_count > :max LIMIT :limit
