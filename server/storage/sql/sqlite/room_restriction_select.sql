-- SPDX-License-Identifier: MIT
-- The bans and mutes of a room in force now (a range of the primary key), newest first.
SELECT kind, subject_kind, subject, expires, reason, actor, time FROM room_restrictions
WHERE room = :room AND (expires IS NULL OR expires > :now)
ORDER BY time DESC, kind, subject_kind, subject
