-- SPDX-License-Identifier: MIT
-- Read markers: the columns of sql/sqlite/version/6/050_create_read_markers.sql, which says what each holds.
CREATE TABLE read_markers (
    account TEXT NOT NULL REFERENCES accounts (name) ON DELETE CASCADE,
    room TEXT NOT NULL,
    read_id BIGINT NOT NULL,
    updated BIGINT NOT NULL,
    PRIMARY KEY (account, room)
)
