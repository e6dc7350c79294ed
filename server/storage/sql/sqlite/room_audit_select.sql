-- SPDX-License-Identifier: MIT
-- A page of the audit log of a room before an id, newest first (a range of room_audit_room).
SELECT id, time, room, actor, action, target, reason, detail, expires FROM room_audit
WHERE room = :room AND id < :before
ORDER BY id DESC
LIMIT :limit
