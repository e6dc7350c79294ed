-- SPDX-License-Identifier: MIT
-- Every row is an event of the room's id sequence (kind: 0 message, 1 edit, 2 delete, 3 reaction); the
-- columns are those of sql/sqlite/version/5, which say what each holds.
ALTER TABLE messages
    ADD COLUMN kind SMALLINT NOT NULL DEFAULT 0,
    ADD COLUMN target BIGINT,
    ADD COLUMN author TEXT,
    ADD COLUMN edited BIGINT,
    ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN reply_user TEXT,
    ADD COLUMN reply_excerpt TEXT,
    ADD COLUMN emoji TEXT,
    ADD COLUMN added BOOLEAN,
    ADD COLUMN moderator BOOLEAN NOT NULL DEFAULT false
