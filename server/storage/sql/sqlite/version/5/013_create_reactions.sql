-- SPDX-License-Identifier: MIT
-- The reactions messages hold now, kept in step with the reaction events in the same transaction.
-- reactor: the same kind of key as messages.author; reactor_name: the display name shown.
-- Retention deleting a message deletes its reactions.
CREATE TABLE reactions (
    room TEXT NOT NULL,
    message_id INTEGER NOT NULL,
    emoji TEXT NOT NULL,
    reactor TEXT NOT NULL,
    reactor_name TEXT NOT NULL,
    time INTEGER NOT NULL,
    PRIMARY KEY (room, message_id, emoji, reactor),
    FOREIGN KEY (room, message_id) REFERENCES messages (room, id) ON DELETE CASCADE
) WITHOUT ROWID
