-- SPDX-License-Identifier: MIT
-- Moves a marker forward, to at most the last id of the room; a lower id changes nothing and returns no row.
INSERT INTO read_markers (account, room, read_id, updated)
VALUES (:account, :room, min(:read_id, coalesce((SELECT last_id FROM rooms WHERE room = :last_room), 0)), :updated)
ON CONFLICT (account, room) DO UPDATE SET read_id = excluded.read_id, updated = excluded.updated
    WHERE excluded.read_id > read_markers.read_id
RETURNING read_id
