-- SPDX-License-Identifier: MIT
-- A room's audit log, newest first, a page at a time: a range of this index.
CREATE INDEX room_audit_room ON room_audit (room, id)
