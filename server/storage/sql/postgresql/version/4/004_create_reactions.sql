-- SPDX-License-Identifier: MIT
-- The reactions messages hold now, kept in step with the reaction events in the same transaction.
CREATE TABLE reactions (
    room TEXT NOT NULL,
    message_id BIGINT NOT NULL,
    emoji TEXT NOT NULL,
    reactor TEXT NOT NULL,
    reactor_name TEXT NOT NULL,
    time BIGINT NOT NULL,
    PRIMARY KEY (room, message_id, emoji, reactor),
    FOREIGN KEY (room, message_id) REFERENCES messages (room, id) ON DELETE CASCADE
)
