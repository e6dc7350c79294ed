-- SPDX-License-Identifier: MIT
-- Bans and mutes: the columns of sql/sqlite/version/7/004_create_room_restrictions.sql, which says what each holds.
CREATE TABLE room_restrictions (
    room TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('ban', 'mute')),
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('account', 'address')),
    subject TEXT NOT NULL,
    expires BIGINT,
    reason TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL,
    time BIGINT NOT NULL,
    PRIMARY KEY (room, kind, subject_kind, subject)
)
