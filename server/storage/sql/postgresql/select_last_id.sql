-- SPDX-License-Identifier: MIT
SELECT last_id FROM rooms WHERE room = :room
