-- SPDX-License-Identifier: MIT
INSERT INTO room_restrictions (room, kind, subject_kind, subject, expires, reason, actor, time)
VALUES (:room, :kind, :subject_kind, :subject, :expires, :reason, :actor, :time)
ON CONFLICT (room, kind, subject_kind, subject) DO UPDATE
    SET expires = excluded.expires, reason = excluded.reason, actor = excluded.actor, time = excluded.time
