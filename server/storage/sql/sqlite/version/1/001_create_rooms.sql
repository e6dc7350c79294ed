-- SPDX-License-Identifier: MIT
-- One row per room that ever held a message. last_id is the id authority: it only grows, also
-- when retention deleted every message, and makes lastId() a primary key lookup.
-- last_activity: ms since the Unix epoch (UTC) of the latest append.
CREATE TABLE rooms (
    room TEXT NOT NULL PRIMARY KEY,
    last_id INTEGER NOT NULL DEFAULT 0,
    message_count INTEGER NOT NULL DEFAULT 0,
    last_activity INTEGER
) WITHOUT ROWID
