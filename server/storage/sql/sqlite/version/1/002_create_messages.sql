-- SPDX-License-Identifier: MIT
-- Clustered by (room, id): a room's history is one contiguous b-tree range, so latest/before/after
-- are range reads on the primary key. time: ms since the Unix epoch (UTC).
CREATE TABLE messages (
    room TEXT NOT NULL REFERENCES rooms (room),
    id INTEGER NOT NULL,
    time INTEGER NOT NULL,
    user TEXT NOT NULL,
    text TEXT NOT NULL,
    client_id TEXT,
    PRIMARY KEY (room, id)
) WITHOUT ROWID
