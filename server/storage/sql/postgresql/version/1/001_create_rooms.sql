-- SPDX-License-Identifier: MIT
-- One row per room that ever held a message. last_id is the id authority of every daemon that
-- shares this database: it only grows, also when retention deleted every message.
-- last_activity: ms since the Unix epoch (UTC) of the latest append.
CREATE TABLE rooms (
    room TEXT NOT NULL PRIMARY KEY,
    last_id BIGINT NOT NULL DEFAULT 0,
    message_count BIGINT NOT NULL DEFAULT 0,
    last_activity BIGINT
)
