-- SPDX-License-Identifier: MIT
-- The first join of an account to a room: what it saw on joining (the last id of its welcome) counts as read.
-- No row comes back when another daemon made the marker first (the caller reads that one).
INSERT INTO read_markers (account, room, read_id, updated)
VALUES (:account, :room, :read_id, :updated)
ON CONFLICT (account, room) DO NOTHING
RETURNING read_id
