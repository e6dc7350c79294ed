-- SPDX-License-Identifier: MIT
-- A room's history is one primary key range: latest/before/after are index range reads.
-- time: ms since the Unix epoch (UTC). "user" is quoted: USER is reserved in PostgreSQL.
CREATE TABLE messages (
    room TEXT NOT NULL REFERENCES rooms (room),
    id BIGINT NOT NULL,
    time BIGINT NOT NULL,
    "user" TEXT NOT NULL,
    text TEXT NOT NULL,
    client_id TEXT,
    PRIMARY KEY (room, id)
)
