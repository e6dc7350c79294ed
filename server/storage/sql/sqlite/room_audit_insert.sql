-- SPDX-License-Identifier: MIT
INSERT INTO room_audit (time, room, actor, action, target, reason, detail, expires)
VALUES (:time, :room, :actor, :action, :target, :reason, :detail, :expires)
RETURNING id
